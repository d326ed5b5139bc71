"use client";
// One search box: "/" focuses it, results follow as you type (the query lives in the URL as ?q=), Esc
// leaves it. The page re-renders around it, so what is typed and the caret stay put.
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { type IssueQuery, issueQueryHref, MAX_SEARCH_LENGTH } from "@/lib/issues/issue-query";

export function SearchBox({ query }: { query: IssueQuery }) {
  const router = useRouter();
  const [text, setText] = useState(query.q ?? "");
  const latest = useRef(query);
  latest.current = query;
  const typed = useRef(false);

  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => {
      const q = text.trim() || undefined;
      if (q !== latest.current.q) router.replace(issueQueryHref(latest.current, { q }), { scroll: false });
    }, 150);
    return () => clearTimeout(timer);
  }, [text, router]);

  return (
    <div className="relative w-72 max-w-full">
      <Search
        className="pointer-events-none absolute left-2.5 top-1/2 size-3.5 -translate-y-1/2 text-ink-500"
        aria-hidden
      />
      <label htmlFor="issue-search" className="sr-only">
        Search issues
      </label>
      <input
        id="issue-search"
        type="search"
        value={text}
        maxLength={MAX_SEARCH_LENGTH}
        onChange={(event) => {
          typed.current = true;
          setText(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") event.currentTarget.blur();
        }}
        placeholder="Search issues, ids, comments…"
        aria-keyshortcuts="/"
        className="h-7 w-full rounded-md border border-ink-200 bg-surface pl-8 pr-8 text-[13px] text-ink-900 placeholder:text-ink-500 focus:border-indigo-400 focus:outline-none focus:ring-2 focus:ring-indigo-500/15"
      />
      <kbd className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 rounded border border-ink-200 px-1 font-sans text-[10px] text-ink-500">
        /
      </kbd>
    </div>
  );
}
