// One delivery as the console's detail view shows it: its kept headers and pretty-printed payload with
// every credential hidden (redact-delivery.ts), what it became, and its replays. A refused request
// (webhook_rejection) shows what was kept of it: metadata and the start of its body.
import type { DbClient } from "../db";
import { AppError } from "../errors";
import type { DeliveryOutcome } from "../generated/prisma/enums";
import { looksLikeId } from "./common";
import { prettyPayload, redactEndpoint, redactHeaders } from "./redact-delivery";

export interface DeliveryDetail {
  id: string;
  kind: "delivery" | "refused";
  source: string;
  receivedAt: Date;
  processedAt: Date | null;
  outcome: DeliveryOutcome;
  reason: string | null;
  externalId: string | null;
  issue: { identifier: string } | null;
  headers: Record<string, string>;
  /** Null once retention pruned it (`bodyPrunedAt`). */
  payload: { text: string; json: boolean; truncated: boolean } | null;
  bodyPrunedAt: Date | null;
  replayOf: { id: string; receivedAt: Date } | null;
  replays: { id: string; receivedAt: Date; outcome: DeliveryOutcome }[];
  refused?: { endpoint: string; clientAddress: string; count: number; firstSeenAt: Date; bodyBytes: number };
}

export async function getDeliveryDetail(db: DbClient, id: string): Promise<DeliveryDetail> {
  if (!looksLikeId(id)) throw new AppError("not_found", "No such delivery");
  const delivery = await db.webhookDelivery.findUnique({
    where: { id },
    include: {
      issue: { select: { identifier: true } },
      replayOf: { select: { id: true, receivedAt: true } },
      replays: { select: { id: true, receivedAt: true, outcome: true }, orderBy: { receivedAt: "desc" }, take: 20 },
    },
  });
  if (delivery) {
    return {
      id: delivery.id,
      kind: "delivery",
      source: delivery.source,
      receivedAt: delivery.receivedAt,
      processedAt: delivery.processedAt,
      outcome: delivery.outcome,
      reason: delivery.reason,
      externalId: delivery.externalId,
      issue: delivery.issue,
      headers: redactHeaders((delivery.headers ?? {}) as Record<string, unknown>),
      payload: delivery.bodyPrunedAt ? null : { ...prettyPayload(delivery.rawBody), truncated: false },
      bodyPrunedAt: delivery.bodyPrunedAt,
      replayOf: delivery.replayOf,
      replays: delivery.replays,
    };
  }
  const rejection = await db.webhookRejection.findUnique({ where: { id } });
  if (!rejection) throw new AppError("not_found", "No such delivery");
  return {
    id: rejection.id,
    kind: "refused",
    source: rejection.source,
    receivedAt: rejection.lastSeenAt,
    processedAt: null,
    outcome: "rejected",
    reason: rejection.reason,
    externalId: null,
    issue: null,
    headers: redactHeaders((rejection.headers ?? {}) as Record<string, unknown>),
    payload: {
      ...prettyPayload(rejection.bodyPrefix),
      truncated: rejection.bodyBytes > Buffer.byteLength(rejection.bodyPrefix),
    },
    bodyPrunedAt: null,
    replayOf: null,
    replays: [],
    refused: {
      endpoint: redactEndpoint(rejection.endpoint),
      clientAddress: rejection.clientAddress,
      count: rejection.count,
      firstSeenAt: rejection.firstSeenAt,
      bodyBytes: rejection.bodyBytes,
    },
  };
}
