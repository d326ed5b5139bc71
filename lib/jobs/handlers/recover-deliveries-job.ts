// deliveries.recover: resume deliveries left without an outcome by a process that died mid-request.
// Runs every minute and once shortly after each worker starts (see start-process-worker.ts).
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { recoverStaleDeliveries } from "../../ingest/recover-deliveries";
import { resumeAdapterFor } from "../../ingest/resume-adapter";
import type { JobHandler } from "../run-worker";

export const recoverDeliveriesJob: JobHandler = async (_data, { log }) => {
  const db = getDb();
  const result = await recoverStaleDeliveries(db, {
    olderThanSeconds: getEnv().DELIVERY_RECOVERY_AFTER_SECONDS,
    adapterFor: resumeAdapterFor(db),
    log,
  });
  if (result.resumed + result.unresumable + result.errors > 0) log.warn(result, "webhook_delivery.recovered");
};
