// POST /api/jira/webhook: Jira's signed admin webhook, a delivery like any other. It is verified against
// each connection's webhook secret, stored, and then the ticket's change applied (jira-sync's
// apply-ticket-change.ts). Redeliveries (same x-atlassian-webhook-identifier) are stored once and
// acknowledged without acting again; an unexpected failure keeps the delivery, as `failed`.

import { getSecretBox } from "../crypto/secret-box";
import type { Db } from "../db";
import { AppError, errorAnswer, isUniqueViolation } from "../errors";
import { applyTicketChange, parseJiraWebhook } from "../jira-sync/inbound/apply-ticket-change";
import { matchJiraSignature } from "../jira-sync/inbound/verify-jira-signature";
import { logger } from "../logger";
import type { IngestResponse, RawDelivery } from "../sources/types";
import { MAX_ID_LENGTH, tooLongId } from "../validation";
import { finishDelivery, storeDelivery } from "./delivery-store";
import { refuseUnauthenticated } from "./record-rejection";

const SOURCE = "jira";
const LOG_PREFIX = "[Jira Webhook]";
const KEPT_HEADERS = [
  "content-type",
  "user-agent",
  "x-atlassian-webhook-identifier",
  "x-atlassian-webhook-retry",
] as const;

export async function ingestJiraWebhook(db: Db, delivery: RawDelivery): Promise<IngestResponse> {
  const connections = await db.jiraConnection.findMany({
    where: { webhookSecretEncrypted: { not: null } },
    select: { id: true, webhookSecretEncrypted: true },
  });
  if (connections.length === 0)
    return reply(
      new AppError("not_configured", "Jira webhooks are not configured: set a webhook secret on a Jira connection"),
    );
  const box = getSecretBox();
  const connectionId = matchJiraSignature(
    delivery.body,
    delivery.headers.get("x-hub-signature"),
    connections.map((connection) => ({ id: connection.id, secret: box.open(connection.webhookSecretEncrypted!) })),
  );
  if (!connectionId) {
    const error = new AppError(
      "unauthorized",
      delivery.headers.get("x-hub-signature") ? "Invalid signature" : "Missing X-Hub-Signature header",
    );
    return refuseUnauthenticated(db, {
      source: SOURCE,
      delivery,
      keptHeaders: KEPT_HEADERS,
      error,
      logPrefix: LOG_PREFIX,
    });
  }

  const identifier = delivery.headers.get("x-atlassian-webhook-identifier")?.trim();
  if (identifier && identifier.length > MAX_ID_LENGTH) {
    const error = new AppError("bad_request", `X-Atlassian-Webhook-Identifier ${tooLongId}`);
    return reply(
      error,
      await storeDelivery(
        db,
        { source: SOURCE, delivery, keptHeaders: KEPT_HEADERS },
        { outcome: "rejected", reason: error.publicMessage },
      ),
    );
  }
  // Per site: two Jira sites may number their deliveries alike.
  const dedupKey = identifier ? `${connectionId}:${identifier}` : undefined;
  let deliveryId: string;
  try {
    deliveryId = await storeDelivery(db, { source: SOURCE, delivery, keptHeaders: KEPT_HEADERS, dedupKey });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await db.webhookDelivery.findUnique({
      where: { source_dedupKey: { source: SOURCE, dedupKey: dedupKey! } },
      select: { id: true, outcome: true },
    });
    // A redelivery of one we finished is a no-op; one we never finished (crash, failure) is processed now.
    if (!earlier || !["received", "failed"].includes(earlier.outcome)) {
      return {
        status: 200,
        body: { success: true, duplicate: true, message: `Delivery ${identifier} was already received` },
      };
    }
    deliveryId = earlier.id;
  }

  try {
    const payload = parseJiraWebhook(delivery.body);
    const result = await applyTicketChange(db, connectionId, payload);
    await finishDelivery(db, deliveryId, result.record);
    logger.info({ deliveryId, ticket: payload.issue?.key }, `${LOG_PREFIX} ${result.message}`);
    return { status: 200, body: { success: true, message: result.message }, deliveryId };
  } catch (error) {
    const unexpected = !(error instanceof AppError);
    if (unexpected) logger.error({ err: error, deliveryId }, `${LOG_PREFIX} Failed to process delivery`);
    const outcome = unexpected
      ? ({
          outcome: "failed",
          reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        } as const)
      : ({ outcome: "rejected", reason: error.publicMessage } as const);
    await finishDelivery(db, deliveryId, outcome).catch((recordError: unknown) =>
      logger.error({ err: recordError, deliveryId }, "webhook_delivery.outcome_not_recorded"),
    );
    return reply(error, deliveryId);
  }
}

/** A refusal answers its reason; an unexpected failure a JSON 500 naming the kept delivery, as the pipeline's does. */
function reply(error: unknown, deliveryId?: string): IngestResponse {
  const unexpected = !(error instanceof AppError);
  const { status, body } = errorAnswer(error, {
    envelope: { success: false },
    deliveryId: unexpected ? deliveryId : undefined,
    unexpectedMessage: "Failed to process delivery",
  });
  return { status, body, deliveryId };
}
