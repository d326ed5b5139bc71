// Sentry issues first seen within the last `windowHours`, still unresolved, of the given projects:
// `GET /api/0/organizations/{org}/issues/`, following the Link header's cursor page by page. Items
// are validated one by one with the webhook's issue schema; one that does not fit is skipped with
// its reason instead of failing the whole poll.
import { z } from "zod";
import { formatZodError } from "../../validation";
import { buildRecentIssuesParams, type RecentIssuesQuery } from "./build-recent-issues-params";
import type { SentryApiConfig } from "./fetch-latest-event";
import { getSentryPage } from "./get-sentry-page";
import { sentryIssueSchema } from "./issue-schema";

export interface RecentIssue {
  id: string;
  /** The item exactly as Sentry returned it (the shape of a webhook's `data.issue`). */
  raw: Record<string, unknown>;
  firstSeen: string | null;
}

export interface RecentIssues {
  issues: RecentIssue[];
  invalid: { id: string | null; reason: string }[];
  pages: number;
  /** More pages existed than MAX_PAGES allowed; the rest waits for the next run. */
  truncated: boolean;
}

/** 10 pages of 100: far above what a 24-hour window of new issues should hold. */
export const MAX_PAGES = 10;

const pageSchema = z.array(z.looseObject({}));

export async function listRecentIssues(
  config: SentryApiConfig,
  query: Omit<RecentIssuesQuery, "cursor">,
): Promise<RecentIssues> {
  const result: RecentIssues = { issues: [], invalid: [], pages: 0, truncated: false };
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await getSentryPage(config, "issues/", buildRecentIssuesParams({ ...query, cursor }));
    result.pages += 1;
    const items = pageSchema.safeParse(page.body);
    if (!items.success)
      throw new Error(`Sentry issues list is not an array of objects: ${formatZodError(items.error)}`);
    for (const raw of items.data) {
      const parsed = sentryIssueSchema.safeParse(raw);
      if (!parsed.success) {
        const id = typeof raw.id === "string" || typeof raw.id === "number" ? String(raw.id) : null;
        result.invalid.push({ id, reason: formatZodError(parsed.error) });
      } else if (!seen.has(parsed.data.id)) {
        // Issues first seen while we page can shift items across pages: keep each once.
        seen.add(parsed.data.id);
        result.issues.push({ id: parsed.data.id, raw, firstSeen: parsed.data.firstSeen ?? null });
      }
    }
    cursor = page.nextCursor === cursor ? undefined : page.nextCursor;
  } while (cursor && result.pages < MAX_PAGES);
  result.truncated = cursor !== undefined;
  return result;
}
