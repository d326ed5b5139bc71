// Links for the list's filters and pages: the current filters with one change, page reset unless given.
import type { IssueFilters } from "@/lib/issues/list-issues";

export function filterHref(current: IssueFilters, change: Partial<IssueFilters>): string {
  const next = { ...current, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.status) params.set("status", next.status);
  if (next.priority) params.set("priority", next.priority);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/issues?${query}` : "/issues";
}
