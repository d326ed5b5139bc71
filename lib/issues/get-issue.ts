// One issue by its identifier (e.g. CHIPP-12) with everything the detail page shows: the newest page
// of comments and of activity (older pages through issue-timeline.ts) and how many there are in all.
import { z } from "zod";
import type { Db } from "../db";
import { TICKET_VIEW_SELECT } from "../jira-sync/ticket-view";
import { activityInclude, commentInclude, newestFirst, TIMELINE_PAGE_SIZE, toTimelinePage } from "./issue-timeline";

export const issueIdentifierSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{0,19}-\d{1,9}$/);

const person = { select: { name: true, email: true } } as const;

export async function getIssue(db: Db, identifier: string) {
  const parsed = issueIdentifierSchema.safeParse(identifier);
  if (!parsed.success) return null;
  const issue = await db.issue.findUnique({
    where: { identifier: parsed.data },
    include: {
      project: { select: { key: true, name: true } },
      assignee: person,
      labels: { select: { label: { select: { id: true, name: true, color: true } } } },
      externalIssues: {
        where: { source: { not: "jira" } },
        select: { id: true, source: true, externalId: true, externalUrl: true },
        orderBy: { createdAt: "asc" },
      },
      jiraTicket: { select: TICKET_VIEW_SELECT },
      comments: { include: commentInclude, orderBy: [...newestFirst], take: TIMELINE_PAGE_SIZE + 1 },
      activities: { include: activityInclude, orderBy: [...newestFirst], take: TIMELINE_PAGE_SIZE + 1 },
      // Counted on the issue_id index; no rows are read.
      _count: { select: { comments: true, activities: true } },
    },
  });
  if (!issue) return null;
  const { comments, activities, _count, ...rest } = issue;
  return {
    ...rest,
    comments: toTimelinePage(comments),
    activities: toTimelinePage(activities),
    commentCount: _count.comments,
    activityCount: _count.activities,
  };
}

export type IssueDetail = NonNullable<Awaited<ReturnType<typeof getIssue>>>;
