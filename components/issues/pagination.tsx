import Link from "next/link";
import type { CappedCount } from "@/lib/issues/issue-list-sql";
import { effectiveSort, type IssueQuery, issueQueryHref } from "@/lib/issues/issue-query";

const linkClass = "rounded-md border border-ink-200 px-2 py-1 text-xs text-ink-700 hover:bg-ink-50";

/** "42", or "10,000+" once the count reached its cap. */
export function formatTotal(total: CappedCount): string {
  return `${total.count.toLocaleString("en-US")}${total.capped ? "+" : ""}`;
}

interface PaginationProps {
  query: IssueQuery;
  shown: number;
  total: CappedCount;
  prevCursor: string | null;
  nextCursor: string | null;
}

// Keyset pages have no page numbers: the first page says "1–50 of N", later ones how many they show.
export function Pagination({ query, shown, total, prevCursor, nextCursor }: PaginationProps) {
  if (shown === 0) return null;
  const firstPage = !prevCursor;
  const byTime = ["newest", "updated", "last_seen"].includes(effectiveSort(query));
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between px-6 py-3 text-xs text-ink-500">
      <span className="tabular-nums">
        {firstPage ? `1–${shown} of ${formatTotal(total)}` : `${shown} of ${formatTotal(total)}`}
      </span>
      <span className="flex gap-2">
        {prevCursor && (
          <Link className={linkClass} rel="prev" href={issueQueryHref(query, { before: prevCursor, after: undefined })}>
            {byTime ? "Newer" : "Previous"}
          </Link>
        )}
        {nextCursor && (
          <Link className={linkClass} rel="next" href={issueQueryHref(query, { after: nextCursor, before: undefined })}>
            {byTime ? "Older" : "Next"}
          </Link>
        )}
      </span>
    </nav>
  );
}
