// The query string of Sentry's "List an Organization's Issues" for issues first seen within a window:
// unresolved, newest first, 100 per page (the maximum), for the given projects or all of them.

export interface RecentIssuesQuery {
  windowHours: number;
  /** Numeric Sentry project ids; "all" polls every project the token can see (`project=-1`). */
  projectIds: readonly string[] | "all";
  cursor?: string;
}

export const ISSUES_PAGE_LIMIT = 100;

export function buildRecentIssuesParams(query: RecentIssuesQuery): URLSearchParams {
  const params = new URLSearchParams();
  params.set("query", `is:unresolved firstSeen:-${query.windowHours}h`);
  // The period the search looks at (it overrides start/end): the same window.
  params.set("statsPeriod", `${query.windowHours}h`);
  for (const id of query.projectIds === "all" ? ["-1"] : query.projectIds) params.append("project", id);
  params.set("sort", "new");
  params.set("limit", String(ISSUES_PAGE_LIMIT));
  if (query.cursor) params.set("cursor", query.cursor);
  return params;
}
