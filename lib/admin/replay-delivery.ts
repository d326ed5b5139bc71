// Replay: a stored delivery's body runs through the one ingestion pipeline again, as a new delivery
// that names the original (replay_of_id). It was verified when it arrived, so it is not verified again
// (the adapter that recovery resumes deliveries with); dedup makes a replay safe: an issue the original
// created is found, a lifecycle event already applied is a no-op.
import type { Db, DbClient } from "../db";
import { AppError } from "../errors";
import type { DeliveryOutcome } from "../generated/prisma/enums";
import { ingestDelivery } from "../ingest/ingest-delivery";
import { resumeAdapterFor } from "../ingest/resume-adapter";
import { recordAdminChange } from "./audit-log";
import { looksLikeId } from "./common";

export interface ReplayResult {
  /** The new delivery. */
  deliveryId: string;
  status: number;
  outcome: DeliveryOutcome;
  reason: string | null;
  issue: { identifier: string } | null;
}

/**
 * Replays one delivery. `alongside` runs in the transaction that marks the new delivery as a replay
 * (the audit entry of a single replay); a replay-all records one entry for the whole operation.
 */
export async function replayStoredDelivery(
  db: Db,
  originalId: string,
  alongside?: (tx: DbClient, result: ReplayResult) => Promise<void>,
): Promise<ReplayResult> {
  if (!looksLikeId(originalId)) throw new AppError("not_found", "No such delivery");
  const original = await db.webhookDelivery.findUnique({
    where: { id: originalId },
    select: { id: true, source: true, headers: true, rawBody: true, receivedAt: true, bodyPrunedAt: true },
  });
  if (!original) throw new AppError("not_found", "No such delivery (a refused request keeps no body to replay)");
  if (original.bodyPrunedAt)
    throw new AppError("conflict", "Its body was pruned by retention; there is nothing left to replay");
  const headers = new Headers(original.headers as Record<string, string>);
  const adapter = await resumeAdapterFor(db)({
    id: original.id,
    source: original.source,
    headers,
    receivedAt: original.receivedAt,
  });
  if (!adapter)
    throw new AppError(
      "bad_request",
      `A ${original.source} delivery cannot be replayed here (its source or mapping is gone)`,
    );
  const answer = await ingestDelivery(db, adapter, { body: Buffer.from(original.rawBody, "utf8"), headers });
  if (!answer.deliveryId) throw new AppError("internal", "The pipeline stored no delivery");
  const deliveryId = answer.deliveryId;
  return db.$transaction(async (tx) => {
    const replay = await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: { replayOfId: original.id },
      select: { id: true, outcome: true, reason: true, issue: { select: { identifier: true } } },
    });
    const result = {
      deliveryId: replay.id,
      status: answer.status,
      outcome: replay.outcome,
      reason: replay.reason,
      issue: replay.issue,
    };
    await alongside?.(tx, result);
    return result;
  });
}

/** An admin's "Replay": the replay, then its audit entry. */
export async function replayDelivery(db: Db, originalId: string, actor: { userId: string }): Promise<ReplayResult> {
  return replayStoredDelivery(db, originalId, (tx, result) =>
    recordAdminChange(tx, {
      actorId: actor.userId,
      action: "delivery.replayed",
      targetType: "webhook_delivery",
      targetId: originalId,
      details: { replayId: result.deliveryId, outcome: result.outcome, status: result.status },
    }),
  );
}
