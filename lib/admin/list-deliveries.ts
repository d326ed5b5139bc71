// The most recent webhook deliveries, for the admin's audit table (raw bodies are left out), merged
// with the unauthenticated requests refused meanwhile (webhook_rejection, one row per repeated kind).
import { z } from "zod";
import type { Db } from "../db";
import type { DeliveryOutcome } from "../generated/prisma/enums";

const limitSchema = z.number().int().min(1).max(200).default(50);

export interface DeliveryRow {
  id: string;
  /** When it arrived; for a repeated rejection, when it was last seen. */
  receivedAt: Date;
  source: string;
  outcome: DeliveryOutcome;
  reason: string | null;
  externalId: string | null;
  issue: { identifier: string } | null;
}

export async function listDeliveries(db: Db, limit?: number): Promise<DeliveryRow[]> {
  const take = limitSchema.parse(limit);
  const [deliveries, rejections] = await Promise.all([
    db.webhookDelivery.findMany({
      orderBy: { receivedAt: "desc" },
      take,
      select: { id: true, receivedAt: true, source: true, outcome: true, reason: true, externalId: true, issue: { select: { identifier: true } } },
    }),
    db.webhookRejection.findMany({
      orderBy: { lastSeenAt: "desc" },
      take,
      select: { id: true, lastSeenAt: true, source: true, reason: true, count: true, clientAddress: true },
    }),
  ]);
  const refused: DeliveryRow[] = rejections.map((rejection) => ({
    id: rejection.id,
    receivedAt: rejection.lastSeenAt,
    source: rejection.source,
    outcome: "rejected",
    reason: `${rejection.reason} (unauthenticated, from ${rejection.clientAddress}${rejection.count > 1 ? `, ${rejection.count} times` : ""})`,
    externalId: null,
    issue: null,
  }));
  return [...deliveries, ...refused].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime()).slice(0, take);
}
