// Deliveries a process stored as received but never finished (killed mid-request): each is run
// through the pipeline again under its own id, so that every stored delivery ends with an outcome.
// A run claims the rows it takes (resumed_at, under FOR UPDATE SKIP LOCKED), so two recoveries at once
// (two workers, or a job beside a start-up run) never run the same delivery twice; a claim older than
// `claimSeconds` belongs to a recovery that died, and the delivery is taken again.
import type { Db } from "../db";
import { poolOf } from "../db";
import type { Logger } from "../logger";
import type { RawDelivery, SourceAdapter } from "../sources/types";
import { sqlQuery } from "../sql-executor";
import { finishDelivery } from "./delivery-store";
import { resumeDelivery } from "./ingest-delivery";

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
  /**
   * How long a claim holds before another recovery may take the delivery. Default: `olderThanSeconds`,
   * since a claim whose recovery was killed is as dead as the delivery it took; a long default left such
   * deliveries without an outcome for minutes after a restart. Resuming twice is safe (dedup); the claim
   * only keeps two live recoveries from doing it at once.
   */
  claimSeconds?: number;
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

// One statement claims and reads: rows another recovery is claiming right now are skipped (SKIP LOCKED),
// and once its claim commits, their fresh resumed_at keeps them out.
const CLAIM_SQL = `
UPDATE webhook_delivery d SET resumed_at = now()
  FROM (SELECT id FROM webhook_delivery
         WHERE outcome = 'received' AND received_at < now() - make_interval(secs => $1)
           AND (resumed_at IS NULL OR resumed_at < now() - make_interval(secs => $3))
         ORDER BY received_at LIMIT $2
           FOR UPDATE SKIP LOCKED) AS stale
 WHERE d.id = stale.id
RETURNING d.id, d.source, d.headers, d.raw_body, d.received_at`;

export async function recoverStaleDeliveries(db: Db, options: RecoverOptions): Promise<RecoverResult> {
  const rows = await sqlQuery<StaleRow>(
    poolOf(db),
    CLAIM_SQL,
    [options.olderThanSeconds, options.limit ?? 500, options.claimSeconds ?? options.olderThanSeconds],
    "ingest_claim_stale",
  );
  const result: RecoverResult = { resumed: 0, unresumable: 0, errors: 0 };
  // Oldest first, as claimed (RETURNING keeps no order).
  rows.sort((a, b) => a.received_at.getTime() - b.received_at.getTime());
  for (const row of rows) {
    const stale: StaleDelivery = {
      id: row.id,
      source: row.source,
      headers: new Headers(row.headers),
      receivedAt: row.received_at,
    };
    const log = options.log.child({ deliveryId: row.id, source: row.source });
    try {
      const adapter = await options.adapterFor(stale);
      if (!adapter) {
        await finishDelivery(db, row.id, {
          outcome: "failed",
          reason: "Interrupted before an outcome; this source cannot be replayed here",
        });
        result.unresumable++;
        continue;
      }
      const delivery: RawDelivery = { body: Buffer.from(row.raw_body, "utf8"), headers: stale.headers };
      const answer = await resumeDelivery(db, adapter, row.id, delivery);
      log.info({ status: answer.status }, "webhook_delivery.resumed");
      result.resumed++;
    } catch (error) {
      // Left as received, and the claim released: the next run tries again.
      log.error({ err: error }, "webhook_delivery.resume_failed");
      await sqlQuery(
        poolOf(db),
        `UPDATE webhook_delivery SET resumed_at = NULL WHERE id = $1`,
        [row.id],
        "ingest_release_claim",
      ).catch(() => undefined);
      result.errors++;
    }
  }
  return result;
}
