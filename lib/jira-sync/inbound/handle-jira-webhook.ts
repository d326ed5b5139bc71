// POST /api/jira/webhook: a ticket closed or reopened in Jira moves the internal issue. The change is
// marked as coming from Jira and the ticket's known category is updated in the same transaction, so the
// sync job finds nothing to send back (no ping-pong). Redeliveries (same x-atlassian-webhook-identifier)
// are stored once and acknowledged without acting again.
import type { Db } from "../../db";
import { getSecretBox } from "../../crypto/secret-box";
import { AppError, isUniqueViolation } from "../../errors";
import type { IssueStatus } from "../../generated/prisma/enums";
import { changeIssueField } from "../../issues/change-issue-field";
import { CLOSED_STATUSES } from "../../issues/vocabulary";
import { finishDelivery, storeDelivery } from "../../ingest/record-delivery";
import { refuseUnauthenticated } from "../../ingest/record-rejection";
import type { IngestResponse, RawDelivery } from "../../sources/types";
import { logger } from "../../logger";
import { mayNeedStorable, storableDeep } from "../../text/storable";
import { MAX_ID_LENGTH, tooLongId } from "../../validation";
import { FINAL_RESOLUTION } from "../converge-status";
import { type JiraWebhook, jiraWebhookSchema } from "./jira-webhook-schema";
import { lockIssueAndTicket } from "../lock-issue-and-ticket";
import { recordTicketMoved } from "../ticket-moved";
import { matchJiraSignature } from "./verify-jira-signature";

const SOURCE = "jira";
const KEPT_HEADERS = ["content-type", "user-agent", "x-atlassian-webhook-identifier", "x-atlassian-webhook-retry"] as const;
// Deliveries for one ticket queue behind its issue's row lock, each holding a pool connection while
// it waits: under a burst the others wait for a connection longer than Prisma's default 2 s. Waiting
// a little longer beats failing a delivery (a 500 that Jira would only send again).
const TICKET_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

export async function handleJiraWebhook(db: Db, delivery: RawDelivery): Promise<IngestResponse> {
  const connections = await db.jiraConnection.findMany({ where: { webhookSecretEncrypted: { not: null } }, select: { id: true, webhookSecretEncrypted: true } });
  if (connections.length === 0) return reply(new AppError("not_configured", "Jira webhooks are not configured: set a webhook secret on a Jira connection"));
  const box = getSecretBox();
  const connectionId = matchJiraSignature(
    delivery.body,
    delivery.headers.get("x-hub-signature"),
    connections.map((connection) => ({ id: connection.id, secret: box.open(connection.webhookSecretEncrypted!) })),
  );
  if (!connectionId) {
    const error = new AppError("unauthorized", delivery.headers.get("x-hub-signature") ? "Invalid signature" : "Missing X-Hub-Signature header");
    return refuseUnauthenticated(db, { source: SOURCE, delivery, keptHeaders: KEPT_HEADERS, error, logPrefix: "[Jira Webhook]" });
  }

  const identifier = delivery.headers.get("x-atlassian-webhook-identifier")?.trim();
  if (identifier && identifier.length > MAX_ID_LENGTH) {
    const error = new AppError("bad_request", `X-Atlassian-Webhook-Identifier ${tooLongId}`);
    return reply(error, await storeDelivery(db, { source: SOURCE, delivery, keptHeaders: KEPT_HEADERS }, { outcome: "rejected", reason: error.publicMessage }));
  }
  // Per site: two Jira sites may number their deliveries alike.
  const dedupKey = identifier ? `${connectionId}:${identifier}` : undefined;
  let deliveryId: string;
  try {
    deliveryId = await storeDelivery(db, { source: SOURCE, delivery, keptHeaders: KEPT_HEADERS, dedupKey });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await db.webhookDelivery.findUnique({ where: { source_dedupKey: { source: SOURCE, dedupKey: dedupKey! } }, select: { id: true, outcome: true } });
    // A redelivery of one we finished is a no-op; one we never finished (crash, failure) is processed now.
    if (!earlier || !["received", "failed"].includes(earlier.outcome)) {
      return { status: 200, body: { success: true, duplicate: true, message: `Delivery ${identifier} was already received` } };
    }
    deliveryId = earlier.id;
  }

  try {
    const payload = parse(delivery.body);
    const result = await applyTicketChange(db, connectionId, payload);
    await finishDelivery(db, deliveryId, result.record);
    logger.info({ deliveryId, ticket: payload.issue?.key }, `[Jira Webhook] ${result.message}`);
    return { status: 200, body: { success: true, message: result.message }, deliveryId };
  } catch (error) {
    if (!(error instanceof AppError)) {
      await finishDelivery(db, deliveryId, { outcome: "failed", reason: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      throw error;
    }
    await finishDelivery(db, deliveryId, { outcome: "rejected", reason: error.publicMessage });
    return reply(error, deliveryId);
  }
}

function parse(body: Buffer): JiraWebhook {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
    // Keys and names end up in text columns and reasons, which refuse NUL and lone surrogates.
    if (mayNeedStorable(body)) json = storableDeep(json);
  } catch (error) {
    throw new AppError("bad_request", `Invalid JSON: ${(error as Error).message}`);
  }
  const parsed = jiraWebhookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `Invalid payload: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

async function applyTicketChange(db: Db, connectionId: string, payload: JiraWebhook) {
  const skip = (message: string) => ({ message, record: { outcome: "skipped" as const, reason: message } });
  const category = payload.issue?.fields?.status?.statusCategory?.key;
  // Comments and field edits arrive as jira:issue_updated too, carrying the (unchanged) status: only a
  // change of status or resolution moves the issue.
  const statusChanged = payload.changelog?.items.some((item) => item.field === "status" || item.field === "resolution") ?? false;
  if (payload.webhookEvent !== "jira:issue_updated" || !payload.issue || !category || !statusChanged) {
    return skip(`Skipping: ${payload.webhookEvent}${payload.issue_event_type_name ? ` (${payload.issue_event_type_name})` : ""} is not a status change`);
  }
  const key = payload.issue.key;
  const resolution = payload.issue.fields?.resolution?.name ?? null;

  return db.$transaction(async (tx) => {
    // By id first: a ticket moved to another project keeps its id and gets a new key.
    const found =
      (await tx.jiraTicket.findFirst({ where: { connectionId, ticketId: payload.issue!.id }, select: { issueId: true } })) ??
      (await tx.jiraTicket.findUnique({ where: { connectionId_ticketKey: { connectionId, ticketKey: key } }, select: { issueId: true } }));
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
      return skip(`Skipping: ${key} change at ${new Date(payload.timestamp).toISOString()} is older than our last sync`);
    }
    const issueId = found.issueId;
    await tx.jiraTicket.update({ where: { issueId }, data: { ticketCategory: category, ticketResolution: resolution }, select: { issueId: true } });
    const record = (message: string, outcome: "updated" | "deduplicated") => ({ message, record: { outcome, reason: message, externalId: key, issueId } });
    const actor = { name: "Jira", fromJira: true };
    if (category === "done" && !CLOSED_STATUSES.has(status)) {
      const to: IssueStatus = resolution && FINAL_RESOLUTION.test(resolution) ? "canceled" : "done";
      await changeIssueField(tx, issueId, { field: "status", from: status, to }, actor, { reason: `${key} closed in Jira${resolution ? ` (${resolution})` : ""}` });
      return record(`${key} closed in Jira: issue moved to ${to}`, "updated");
    }
    if (category !== "done" && CLOSED_STATUSES.has(status)) {
      await changeIssueField(tx, issueId, { field: "status", from: status, to: "todo" }, actor, { reason: `${key} reopened in Jira` });
      return record(`${key} reopened in Jira: issue moved to todo`, "updated");
    }
    return record(`${key} is ${payload.issue?.fields?.status?.name ?? category} in Jira; the issue already agrees`, "deduplicated");
  }, TICKET_TRANSACTION);
}

function reply(error: AppError, deliveryId?: string): IngestResponse {
  return { status: error.status, body: { success: false, error: error.publicMessage }, deliveryId };
}
