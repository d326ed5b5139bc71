// People move tickets between Jira projects (the key changes, the id stays; Jira still answers to the
// old key) and delete them. A moved ticket keeps being synced under its new key; a deleted one is said
// so on the issue, once, instead of failing every sync.
import type { DbClient } from "../db";
import { jiraExternalId, type TicketRef } from "./record-ticket";

/** The ticket under its new key; `url` when known, else derived from the old one. */
export type MovedTicket = Pick<TicketRef, "id" | "key"> & { url?: string | null };

/** `<site>/browse/OLD-1` → `<site>/browse/NEW-7`. */
export function browseUrlFor(previousUrl: string | null, key: string): string | null {
  if (!previousUrl) return null;
  const at = previousUrl.lastIndexOf("/browse/");
  return at === -1 ? null : `${previousUrl.slice(0, at)}/browse/${encodeURIComponent(key)}`;
}

/** Records the ticket's new key and URL (sync row, the issue's jira link, activity). */
export async function recordTicketMoved(db: DbClient, issueId: string, moved: MovedTicket): Promise<void> {
  const current = await db.jiraTicket.findUniqueOrThrow({
    where: { issueId },
    select: { ticketKey: true, ticketUrl: true },
  });
  if (current.ticketKey === moved.key) return;
  const url = moved.url ?? browseUrlFor(current.ticketUrl, moved.key);
  await db.jiraTicket.update({
    where: { issueId },
    data: { ticketKey: moved.key, ticketUrl: url, ticketId: moved.id },
    select: { issueId: true },
  });
  // An issue has one Jira link (recordTicket writes it once).
  await db.externalIssue.updateMany({
    where: { issueId, source: "jira" },
    data: {
      externalId: jiraExternalId(url ?? "", moved.key),
      externalUrl: url,
      metadata: { key: moved.key, id: moved.id, movedFrom: current.ticketKey },
    },
  });
  await db.activity.create({
    data: {
      issueId,
      actorName: "Jira",
      action: "jira_ticket_moved",
      fromValue: current.ticketKey,
      toValue: moved.key,
      data: { key: moved.key, from: current.ticketKey, url },
    },
  });
}

export const missingTicketNote = (key: string) =>
  `${key} no longer exists in Jira (deleted, or hidden from the connection's account): this issue's status is no longer sent to Jira`;

/** The ticket is gone: say so on the issue once; later syncs find the same note and stay quiet. */
export async function recordTicketMissing(
  db: DbClient,
  issueId: string,
  key: string,
  previousNote: string | null,
): Promise<void> {
  const note = missingTicketNote(key);
  await db.jiraTicket.update({ where: { issueId }, data: { lastError: note }, select: { issueId: true } });
  if (previousNote !== note)
    await db.activity.create({
      data: { issueId, actorName: "Jira", action: "jira_ticket_missing", data: { key, message: note } },
    });
}
