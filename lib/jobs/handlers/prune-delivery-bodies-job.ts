// deliveries.prune: hourly retention of raw delivery bodies (lib/admin/prune-delivery-bodies.ts).
import { pruneDeliveryBodies } from "../../admin/prune-delivery-bodies";
import { getDb } from "../../db";
import { getEnv } from "../../env";
import type { JobHandler } from "../run-worker";

export const pruneDeliveryBodiesJob: JobHandler = async (_data, { log }) => {
  const result = await pruneDeliveryBodies(getDb(), { retentionDays: getEnv().DELIVERY_BODY_RETENTION_DAYS });
  if (result.pruned > 0) log.info(result, "webhook_delivery.bodies_pruned");
};
