// An issue's comments and activity, a page at a time, newest first in the database and oldest→newest
// on the page. Keyset on (created_at, id): rows sharing a millisecond are neither skipped nor repeated
// across pages, and a page costs the same however far back it reaches.
import { z } from "zod";
import type { DbClient } from "../db";
import { storableText } from "../text/storable";
import { parseInput } from "../validation";

export const TIMELINE_PAGE_SIZE = 50;

const person = { select: { name: true, email: true } } as const;
export const commentInclude = { author: person } as const;
export const activityInclude = { actor: person } as const;
export const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const;

export interface TimelineCursor {
  createdAt: Date;
  id: string;
}

export interface TimelinePage<T> {
  /** Oldest first. */
  items: T[];
  /** Whether rows older than `items[0]` exist. */
  hasOlder: boolean;
}

export const olderPageSchema = z.object({
  issueId: z.uuid(),
  before: z.object({ createdAt: z.coerce.date(), id: z.string().min(1).max(64).transform(storableText) }),
});

export type OlderPageInput = z.input<typeof olderPageSchema>;

/** Rows fetched newest first with one extra row (take: limit + 1) become a page in reading order. */
export function toTimelinePage<T>(newestFirstRows: T[], limit = TIMELINE_PAGE_SIZE): TimelinePage<T> {
  return { items: newestFirstRows.slice(0, limit).reverse(), hasOlder: newestFirstRows.length > limit };
}

function olderThan(cursor: TimelineCursor) {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

export async function getOlderComments(db: DbClient, input: OlderPageInput, limit = TIMELINE_PAGE_SIZE) {
  const { issueId, before } = parseInput(olderPageSchema, input);
  const rows = await db.comment.findMany({
    where: { issueId, ...olderThan(before) },
    include: commentInclude,
    orderBy: [...newestFirst],
    take: limit + 1,
  });
  return toTimelinePage(rows, limit);
}

export async function getOlderActivities(db: DbClient, input: OlderPageInput, limit = TIMELINE_PAGE_SIZE) {
  const { issueId, before } = parseInput(olderPageSchema, input);
  const rows = await db.activity.findMany({
    where: { issueId, ...olderThan(before) },
    include: activityInclude,
    orderBy: [...newestFirst],
    take: limit + 1,
  });
  return toTimelinePage(rows, limit);
}

export type TimelineComment = Awaited<ReturnType<typeof getOlderComments>>["items"][number];
export type TimelineActivity = Awaited<ReturnType<typeof getOlderActivities>>["items"][number];
