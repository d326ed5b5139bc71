import Link from "next/link";
import { ISSUE_PAGE_SIZE, type IssueFilters } from "@/lib/issues/list-issues";
import { filterHref } from "./filter-href";

const linkClass = "rounded-md border border-zinc-200 px-2 py-1 text-xs text-zinc-700 hover:bg-zinc-50";

export function Pagination({ filters, total, pageCount }: { filters: IssueFilters; total: number; pageCount: number }) {
  if (total === 0) return null;
  const first = (filters.page - 1) * ISSUE_PAGE_SIZE + 1;
  const last = Math.min(total, filters.page * ISSUE_PAGE_SIZE);
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between px-6 py-3 text-xs text-zinc-500">
      <span className="tabular-nums">{first > total ? `Page ${filters.page} of ${pageCount}` : `${first}–${last} of ${total}`}</span>
      <span className="flex gap-2">
        {filters.page > 1 && <Link className={linkClass} href={filterHref(filters, { page: filters.page - 1 })}>Previous</Link>}
        {filters.page < pageCount && <Link className={linkClass} href={filterHref(filters, { page: filters.page + 1 })}>Next</Link>}
      </span>
    </nav>
  );
}
