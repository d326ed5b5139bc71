// "Replay all failed in this filter": the failed deliveries the filter matches (bodies still kept) are
// listed once into a replay_operation, and the deliveries.replay job replays them in chunks, counting
// progress as it goes, so the console can show a progress bar and the work survives a restart. A crash
// mid-chunk replays that chunk again, which dedup makes harmless.
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { enqueueJob } from "../jobs/enqueue-job";
import { QUEUES } from "../jobs/queues";
import { sqlQuery } from "../sql-executor";
import { recordAdminChange } from "./audit-log";
import { type DeliveryFilter, deliveryWhere } from "./list-deliveries";
import { replayStoredDelivery } from "./replay-delivery";

/** The most one operation replays; a larger backlog is narrowed by time first. */
export const REPLAY_ALL_MAX = 5000;
const CHUNK = 20;

export interface ReplayProgress {
  id: string;
  state: "queued" | "running" | "done" | "failed";
  done: number;
  failed: number;
  total: number;
  error: string | null;
}

const PROGRESS = { id: true, state: true, done: true, failed: true, total: true, error: true } as const;

export async function startReplayOfFailed(
  db: Db,
  filter: DeliveryFilter,
  actor: { userId: string },
): Promise<ReplayProgress> {
  const { before: _before, ...scope } = filter;
  if (scope.outcome && scope.outcome !== "failed")
    throw new AppError("bad_request", `This filter shows ${scope.outcome} deliveries only, none of them failed`);
  const where = deliveryWhere({ ...scope, outcome: "failed" });
  return db.$transaction(async (tx) => {
    const rows = await sqlQuery<{ id: string }>(
      tx,
      `SELECT d.id FROM webhook_delivery d WHERE ${where.sql} AND d.body_pruned_at IS NULL ORDER BY d.received_at, d.id LIMIT ${REPLAY_ALL_MAX + 1}`,
      where.values,
    );
    if (rows.length === 0) throw new AppError("bad_request", "No failed deliveries with a kept body match this filter");
    if (rows.length > REPLAY_ALL_MAX)
      throw new AppError(
        "bad_request",
        `More than ${REPLAY_ALL_MAX} failed deliveries match: narrow the time range first`,
      );
    const stored = JSON.parse(JSON.stringify(scope)) as Prisma.InputJsonObject;
    const operation = await tx.replayOperation.create({
      data: { actorId: actor.userId, filter: stored, deliveryIds: rows.map((row) => row.id), total: rows.length },
      select: PROGRESS,
    });
    await enqueueJob(tx, QUEUES.deliveriesReplay.name, { operationId: operation.id }, { singletonKey: operation.id });
    await recordAdminChange(tx, {
      actorId: actor.userId,
      action: "delivery.replay_all_started",
      targetType: "replay_operation",
      targetId: operation.id,
      targetName: `${rows.length} failed deliveries`,
      details: { filter: stored, total: rows.length },
    });
    return operation;
  });
}

/** Works through an operation from where it stopped; each chunk's progress commits after its replays. */
export async function runReplayOperation(db: Db, operationId: string): Promise<void> {
  for (;;) {
    const operation = await db.replayOperation.findUnique({ where: { id: operationId } });
    if (!operation || operation.state === "done" || operation.state === "failed") return;
    const chunk = operation.deliveryIds.slice(operation.done, operation.done + CHUNK);
    let failed = 0;
    for (const id of chunk) {
      try {
        const result = await replayStoredDelivery(db, id);
        if (result.status >= 400) failed++;
      } catch (error) {
        // A delivery pruned or unreplayable since it was listed counts as failed; anything else retries the job.
        if (!(error instanceof AppError)) throw error;
        failed++;
      }
    }
    const done = operation.done + chunk.length;
    const finished = done >= operation.total;
    await db.replayOperation.updateMany({
      where: { id: operationId, done: operation.done },
      data: {
        done,
        failed: { increment: failed },
        state: finished ? "done" : "running",
        finishedAt: finished ? new Date() : undefined,
      },
    });
  }
}

export async function failReplayOperation(db: Db, operationId: string, reason: string): Promise<void> {
  await db.replayOperation.updateMany({
    where: { id: operationId, state: { in: ["queued", "running"] } },
    data: { state: "failed", error: reason.slice(0, 500), finishedAt: new Date() },
  });
}

export async function getReplayProgress(db: Db, operationId: string): Promise<ReplayProgress> {
  const parsed = z.uuid().safeParse(operationId);
  const operation = parsed.success
    ? await db.replayOperation.findUnique({ where: { id: parsed.data }, select: PROGRESS })
    : null;
  if (!operation) throw new AppError("not_found", "No such replay");
  return operation;
}

/** Replays still running, or finished in the last ten minutes, to come back to after leaving the page. */
export async function listRecentReplays(db: Db): Promise<ReplayProgress[]> {
  return db.replayOperation.findMany({
    where: {
      OR: [{ state: { in: ["queued", "running"] } }, { finishedAt: { gte: new Date(Date.now() - 10 * 60_000) } }],
    },
    select: PROGRESS,
    orderBy: { createdAt: "desc" },
    take: 3,
  });
}
