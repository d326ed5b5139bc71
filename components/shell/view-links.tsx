"use client";
// The built-in views under Issues, with their (capped) counts; the current one is marked.
import clsx from "clsx";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ViewCounts } from "@/lib/issues/count-views";
import type { IssueView } from "@/lib/issues/issue-query";
import { VIEW_NAMES } from "@/lib/issues/vocabulary";

const ORDER: IssueView[] = ["my", "triage", "active", "regressed", "all"];

export function ViewLinks({ counts }: { counts: ViewCounts }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const current = pathname === "/issues" ? (searchParams.get("view") ?? "all") : null;
  return (
    <ul aria-label="Views" className="ml-3 flex flex-col gap-0.5 border-l border-ink-200 pl-2">
      {ORDER.map((view) => (
        <li key={view}>
          <Link
            href={view === "all" ? "/issues" : `/issues?view=${view}`}
            aria-current={current === view ? "page" : undefined}
            className={clsx(
              "flex items-center justify-between rounded-md px-2 py-1 text-[13px]",
              current === view
                ? "bg-ink-200/70 font-medium text-ink-900"
                : "text-ink-600 hover:bg-ink-200/40 hover:text-ink-900",
            )}
          >
            {VIEW_NAMES[view]}
            <span className="text-xs tabular-nums text-ink-600" data-testid={`view-count-${view}`}>
              {counts[view].count.toLocaleString("en")}
              {counts[view].capped ? "+" : ""}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
