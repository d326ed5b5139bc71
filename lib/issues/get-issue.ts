// One issue by its identifier (e.g. CHIPP-12) with everything the detail page shows.
import { z } from "zod";
import type { Db } from "../db";
import { TICKET_VIEW_SELECT } from "../jira-sync/ticket-view";

export const issueIdentifierSchema = z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9]{0,19}-\d{1,9}$/);

const person = { select: { name: true, email: true } } as const;

export async function getIssue(db: Db, identifier: string) {
  const parsed = issueIdentifierSchema.safeParse(identifier);
  if (!parsed.success) return null;
  return db.issue.findUnique({
    where: { identifier: parsed.data },
    include: {
      project: { select: { key: true, name: true } },
      assignee: person,
      labels: { select: { label: { select: { id: true, name: true, color: true } } } },
      externalIssues: { where: { source: { not: "jira" } }, select: { id: true, source: true, externalId: true, externalUrl: true }, orderBy: { createdAt: "asc" } },
      jiraTicket: { select: TICKET_VIEW_SELECT },
      comments: { include: { author: person }, orderBy: { createdAt: "asc" }, take: 500 },
      activities: { include: { actor: person }, orderBy: { createdAt: "asc" }, take: 500 },
    },
  });
}

export type IssueDetail = NonNullable<Awaited<ReturnType<typeof getIssue>>>;
