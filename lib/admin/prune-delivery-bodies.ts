// Retention of raw webhook bodies (up to 1 MiB each): past DELIVERY_BODY_RETENTION_DAYS a delivery's
// body is emptied and body_pruned_at set; the row, its headers and outcome stay for the console.
// Never pruned: a delivery still "received" (recovery may resume it) or one a running replay-all listed.
// Small batches, each its own short statement, oldest first; SKIP LOCKED means a row the ingest path
// holds is passed over (the next run takes it), so pruning never waits on ingestion nor holds it up long.
import type { DbClient } from "../db";
import { sqlQuery } from "../sql-executor";

export interface PruneOptions {
  retentionDays: number;
  /** Rows per statement. */
  batchSize?: number;
  /** Stop after this many batches (the next scheduled run continues). */
  maxBatches?: number;
}

const PRUNE_SQL = `
WITH batch AS (
  SELECT d.id FROM webhook_delivery d
   WHERE d.received_at < now() - make_interval(days => $1)
     AND d.body_pruned_at IS NULL
     AND d.outcome <> 'received'
     AND NOT EXISTS (SELECT 1 FROM replay_operation r WHERE r.state IN ('queued', 'running') AND d.id = ANY (r.delivery_ids))
   -- In the order of webhook_delivery_body_pruned_at_received_at_idx (all of these have a NULL
   -- body_pruned_at): the scan starts at the oldest unpruned row instead of skipping every pruned one.
   ORDER BY d.body_pruned_at, d.received_at
   LIMIT $2
   FOR UPDATE SKIP LOCKED
)
UPDATE webhook_delivery d SET raw_body = '', body_pruned_at = now() FROM batch WHERE d.id = batch.id
RETURNING d.id`;

/** Prunes in batches until none is left (or maxBatches); returns how many bodies were emptied and in how many batches. */
export async function pruneDeliveryBodies(
  db: DbClient,
  options: PruneOptions,
): Promise<{ pruned: number; batches: number }> {
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 500;
  let pruned = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const rows = await sqlQuery<{ id: string }>(db, PRUNE_SQL, [options.retentionDays, batchSize]);
    if (rows.length === 0) break;
    pruned += rows.length;
    batches++;
    if (rows.length < batchSize) break;
  }
  return { pruned, batches };
}
