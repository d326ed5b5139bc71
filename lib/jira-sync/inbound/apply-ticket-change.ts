// A ticket closed or reopened in Jira moves the internal issue. The change is marked as coming from Jira
// and the ticket's known category is updated in the same transaction, so the sync job finds nothing to
// send back (no ping-pong). The delivery around it (signature, storage, redeliveries) is
// lib/ingest/ingest-jira-webhook.ts.
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { IssueStatus } from "../../generated/prisma/enums";
import { changeIssueField } from "../../issues/change-issue-field";
import { CLOSED_STATUSES } from "../../issues/vocabulary";
import { parseJsonOr400 } from "../../parse-json";
import { mayNeedStorable, storableDeep } from "../../text/storable";
import { FINAL_RESOLUTION } from "../converge-status";
import { lockIssueAndTicket } from "../lock-issue-and-ticket";
import { recordTicketMoved } from "../ticket-moved";
import { type JiraWebhook, jiraWebhookSchema } from "./jira-webhook-schema";

// Deliveries for one ticket queue behind its issue's row lock, each holding a pool connection while
// it waits: under a burst the others wait for a connection longer than Prisma's default 2 s. Waiting
// a little longer beats failing a delivery (a 500 that Jira would only send again).
const TICKET_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

/** The delivery's JSON as a Jira webhook, or a 400 naming what is wrong. */
export function parseJiraWebhook(body: Buffer): JiraWebhook {
  let json = parseJsonOr400(body);
  // Keys and names end up in text columns and reasons, which refuse NUL and lone surrogates.
  if (mayNeedStorable(body)) json = storableDeep(json);
  const parsed = jiraWebhookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "bad_request",
      `Invalid payload: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}

export interface TicketChangeResult {
  message: string;
  /** The delivery's outcome. */
  record: { outcome: "skipped" | "updated" | "deduplicated"; reason: string; externalId?: string; issueId?: string };
}

/** Moves the issue of the ticket the delivery is about, when its status category changed in Jira. */
export async function applyTicketChange(
  db: Db,
  connectionId: string,
  payload: JiraWebhook,
): Promise<TicketChangeResult> {
  const skip = (message: string) => ({ message, record: { outcome: "skipped" as const, reason: message } });
  const category = payload.issue?.fields?.status?.statusCategory?.key;
  // Comments and field edits arrive as jira:issue_updated too, carrying the (unchanged) status: only a
  // change of status or resolution moves the issue.
  const statusChanged =
    payload.changelog?.items.some((item) => item.field === "status" || item.field === "resolution") ?? false;
  if (payload.webhookEvent !== "jira:issue_updated" || !payload.issue || !category || !statusChanged) {
    return skip(
      `Skipping: ${payload.webhookEvent}${payload.issue_event_type_name ? ` (${payload.issue_event_type_name})` : ""} is not a status change`,
    );
  }
  const key = payload.issue.key;
  const resolution = payload.issue.fields?.resolution?.name ?? null;

  return db.$transaction(async (tx) => {
    // By id first: a ticket moved to another project keeps its id and gets a new key.
    const found =
      (await tx.jiraTicket.findFirst({
        where: { connectionId, ticketId: payload.issue!.id },
        select: { issueId: true },
      })) ??
      (await tx.jiraTicket.findUnique({
        where: { connectionId_ticketKey: { connectionId, ticketKey: key } },
        select: { issueId: true },
      }));
    if (!found) return skip(`Skipping: ${key} is not a ticket we opened`);
    // One change at a time per issue, also against the sync job and source webhooks; read again under
    // the lock, since a concurrent delivery may just have moved the ticket.
    const locked = await lockIssueAndTicket(tx, found.issueId);
    if (!locked) return skip(`Skipping: ${key}'s issue is gone`);
    const { status, ticket } = locked;
    if (ticket.ticketKey !== key) await recordTicketMoved(tx, found.issueId, { id: payload.issue!.id, key });
    // Older than what we last did to or heard about this ticket (e.g. the late echo of our own
    // transition): applying it would undo a newer change.
    if (payload.timestamp !== undefined && payload.timestamp < ticket.updatedAt.getTime()) {
      return skip(
        `Skipping: ${key} change at ${new Date(payload.timestamp).toISOString()} is older than our last sync`,
      );
    }
    const issueId = found.issueId;
    await tx.jiraTicket.update({
      where: { issueId },
      data: { ticketCategory: category, ticketResolution: resolution },
      select: { issueId: true },
    });
    const record = (message: string, outcome: "updated" | "deduplicated") => ({
      message,
      record: { outcome, reason: message, externalId: key, issueId },
    });
    const actor = { name: "Jira", fromJira: true };
    if (category === "done" && !CLOSED_STATUSES.has(status)) {
      const to: IssueStatus = resolution && FINAL_RESOLUTION.test(resolution) ? "canceled" : "done";
      await changeIssueField(tx, issueId, { field: "status", from: status, to }, actor, {
        reason: `${key} closed in Jira${resolution ? ` (${resolution})` : ""}`,
      });
      return record(`${key} closed in Jira: issue moved to ${to}`, "updated");
    }
    if (category !== "done" && CLOSED_STATUSES.has(status)) {
      await changeIssueField(tx, issueId, { field: "status", from: status, to: "todo" }, actor, {
        reason: `${key} reopened in Jira`,
      });
      return record(`${key} reopened in Jira: issue moved to todo`, "updated");
    }
    return record(
      `${key} is ${payload.issue?.fields?.status?.name ?? category} in Jira; the issue already agrees`,
      "deduplicated",
    );
  }, TICKET_TRANSACTION);
}
