// The one lock order for a transaction that changes both an issue and its Jira ticket: the issue's
// row first, then the ticket's. Two transactions that took them the other way round (ticket, then
// issue) deadlocked under concurrent Jira deliveries for one ticket (issue 11 §4).
//
// The issue is locked FOR NO KEY UPDATE, the lock an UPDATE of its columns takes anyway: it does not
// block the foreign-key checks (FOR KEY SHARE) of rows that merely reference the issue. So the
// transactions that write a ticket and then an activity or external_issue row (recordTicket, a failed
// create, recordTicketMoved outside a transaction) never wait for the issue and cannot close a cycle.
import type { Prisma } from "../generated/prisma/client";
import type { IssueStatus } from "../generated/prisma/enums";

export interface LockedIssueAndTicket {
  status: IssueStatus;
  ticket: { ticketKey: string | null; updatedAt: Date };
}

/** Locks the issue, then its ticket, until the transaction ends; undefined when either is gone. */
export async function lockIssueAndTicket(
  tx: Prisma.TransactionClient,
  issueId: string,
): Promise<LockedIssueAndTicket | undefined> {
  const [issue] = await tx.$queryRaw<
    { status: IssueStatus }[]
  >`SELECT status FROM issue WHERE id = ${issueId} FOR NO KEY UPDATE`;
  if (!issue) return undefined;
  const [ticket] = await tx.$queryRaw<{ ticketKey: string | null; updatedAt: Date }[]>`
    SELECT ticket_key AS "ticketKey", updated_at AS "updatedAt" FROM jira_ticket WHERE issue_id = ${issueId} FOR NO KEY UPDATE`;
  return ticket ? { status: issue.status, ticket } : undefined;
}
