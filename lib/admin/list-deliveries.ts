// The most recent webhook deliveries, for the admin's audit table (raw bodies are left out).
import { z } from "zod";
import type { Db } from "../db";

const limitSchema = z.number().int().min(1).max(200).default(50);

export async function listDeliveries(db: Db, limit?: number) {
  return db.webhookDelivery.findMany({
    orderBy: { receivedAt: "desc" },
    take: limitSchema.parse(limit),
    select: {
      id: true,
      receivedAt: true,
      source: true,
      outcome: true,
      reason: true,
      externalId: true,
      issue: { select: { identifier: true } },
    },
  });
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];
