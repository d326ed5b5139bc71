// Persistence of webhook deliveries: stored first, outcome recorded after processing.
import type { Db } from "../db";
import type { DeliveryOutcome } from "../generated/prisma/enums";
import { stripNul, stripNulDeep } from "../text/strip-nul";
import type { RawDelivery } from "./types";

export interface StoreDeliveryInput {
  source: string;
  delivery: RawDelivery;
  keptHeaders: readonly string[];
  outcome?: DeliveryOutcome;
  reason?: string;
  /** The sender's idempotency key; a second delivery with the same key violates UNIQUE(source, dedup_key). */
  dedupKey?: string;
}

export function pickHeaders(headers: Headers, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked[name] = value;
  }
  return stripNulDeep(picked);
}

export async function storeDelivery(db: Db, input: StoreDeliveryInput): Promise<string> {
  const final = input.outcome !== undefined && input.outcome !== "received";
  const row = await db.webhookDelivery.create({
    data: {
      source: input.source,
      headers: pickHeaders(input.delivery.headers, input.keptHeaders),
      rawBody: stripNul(input.delivery.body.toString("utf8")),
      outcome: input.outcome ?? "received",
      reason: input.reason,
      dedupKey: input.dedupKey,
      processedAt: final ? new Date() : undefined,
    },
    select: { id: true },
  });
  return row.id;
}

export interface FinishDeliveryInput {
  outcome: DeliveryOutcome;
  reason?: string;
  externalId?: string;
  issueId?: string;
}

export async function finishDelivery(db: Db, deliveryId: string, input: FinishDeliveryInput): Promise<void> {
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      outcome: input.outcome,
      reason: input.reason === undefined ? undefined : stripNul(input.reason).slice(0, 2000),
      externalId: input.externalId,
      issueId: input.issueId,
      processedAt: new Date(),
    },
    select: { id: true },
  });
}
