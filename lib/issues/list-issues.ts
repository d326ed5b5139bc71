// The issue list: newest first, optionally narrowed by status and priority, one page at a time.
import { z } from "zod";
import type { Db } from "../db";
import { TICKET_VIEW_SELECT } from "../jira-sync/ticket-view";
import { IssueStatus, Priority } from "../generated/prisma/enums";

export const ISSUE_PAGE_SIZE = 50;

// Query strings are user input: an unknown value is ignored rather than failing the page.
export const listIssuesInputSchema = z.object({
  status: z.enum(IssueStatus).optional().catch(undefined),
  priority: z.enum(Priority).optional().catch(undefined),
  page: z.coerce.number<unknown>().int().min(1).max(10_000).default(1).catch(1),
});

/** Raw query-string values; listIssues validates them. */
export type ListIssuesInput = { status?: unknown; priority?: unknown; page?: unknown };
export type IssueFilters = z.output<typeof listIssuesInputSchema>;

export async function listIssues(db: Db, input: ListIssuesInput) {
  const filters = listIssuesInputSchema.parse(input);
  const where = { status: filters.status, priority: filters.priority };
  const [issues, total] = await Promise.all([
    db.issue.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { number: "desc" }],
      skip: (filters.page - 1) * ISSUE_PAGE_SIZE,
      take: ISSUE_PAGE_SIZE,
      select: {
        id: true,
        identifier: true,
        title: true,
        status: true,
        priority: true,
        createdAt: true,
        labels: { select: { label: { select: { name: true, color: true } } } },
        externalIssues: { where: { source: { not: "jira" } }, select: { source: true }, distinct: ["source"] },
        jiraTicket: { select: TICKET_VIEW_SELECT },
      },
    }),
    db.issue.count({ where }),
  ]);
  return { issues, total, filters, pageCount: Math.max(1, Math.ceil(total / ISSUE_PAGE_SIZE)) };
}

export type IssueListItem = Awaited<ReturnType<typeof listIssues>>["issues"][number];
