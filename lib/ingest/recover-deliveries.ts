// Deliveries a process stored as received but never finished (killed mid-request): each is run
// through the pipeline again under its own id, so that every stored delivery ends with an outcome.
// The caller (a stately job, one run at a time across all workers) keeps two runs from overlapping.
import type { Db } from "../db";
import { poolOf } from "../db";
import type { Logger } from "../logger";
import { sqlQuery } from "../sql-executor";
import { finishDelivery } from "./delivery-store";
import { resumeDelivery } from "./ingest-delivery";
import type { RawDelivery, SourceAdapter } from "../sources/types";

export interface StaleDelivery {
  id: string;
  source: string;
  headers: Headers;
  receivedAt: Date;
}

/** The adapter that resumes a stored delivery, or null when its source cannot be resumed (then it is marked failed). */
export type ResumeAdapterFor = (delivery: StaleDelivery) => Promise<SourceAdapter | null>;

export interface RecoverOptions {
  /** Only deliveries received longer ago than this: a younger one may still be in its request. */
  olderThanSeconds: number;
  adapterFor: ResumeAdapterFor;
  log: Logger;
  limit?: number;
}

export interface RecoverResult {
  resumed: number;
  unresumable: number;
  errors: number;
}

interface StaleRow {
  id: string;
  source: string;
  headers: Record<string, string>;
  raw_body: string;
  received_at: Date;
}

export async function recoverStaleDeliveries(db: Db, options: RecoverOptions): Promise<RecoverResult> {
  const rows = await sqlQuery<StaleRow>(
    poolOf(db),
    `SELECT id, source, headers, raw_body, received_at FROM webhook_delivery
      WHERE outcome = 'received' AND received_at < now() - make_interval(secs => $1)
      ORDER BY received_at LIMIT $2`,
    [options.olderThanSeconds, options.limit ?? 500],
  );
  const result: RecoverResult = { resumed: 0, unresumable: 0, errors: 0 };
  for (const row of rows) {
    const stale: StaleDelivery = { id: row.id, source: row.source, headers: new Headers(row.headers), receivedAt: row.received_at };
    const log = options.log.child({ deliveryId: row.id, source: row.source });
    try {
      const adapter = await options.adapterFor(stale);
      if (!adapter) {
        await finishDelivery(db, row.id, { outcome: "failed", reason: "Interrupted before an outcome; this source cannot be replayed here" });
        result.unresumable++;
        continue;
      }
      const delivery: RawDelivery = { body: Buffer.from(row.raw_body, "utf8"), headers: stale.headers };
      const answer = await resumeDelivery(db, adapter, row.id, delivery);
      log.info({ status: answer.status }, "webhook_delivery.resumed");
      result.resumed++;
    } catch (error) {
      // Left as received: the next run tries again.
      log.error({ err: error }, "webhook_delivery.resume_failed");
      result.errors++;
    }
  }
  return result;
}
