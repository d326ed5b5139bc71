// The same change to many issues. A few hundred are changed in the request, all or nothing; more become a durable
// job (bulk_operation + issues.bulk) that works through them in chunks and can be watched and left.
// Either way each issue changes through applyIssuePatch: one activity per field per issue, its Jira
// sync enqueued per issue (flood control applies as for any other change).
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { enqueueJob } from "../jobs/enqueue-job";
import { QUEUES } from "../jobs/queues";
import { parseInput } from "../validation";
import { assertEditorExists, type Editor } from "./editor";
import { type BulkPatch, bulkPatchSchema } from "./issue-fields";
import { applyIssuePatch } from "./update-issue";

/** Up to this many issues change within the request. */
const BULK_INLINE_LIMIT = 300;
/** The largest selection one bulk change takes. */
export const BULK_MAX = 20_000;
/** Issues a job changes per transaction: a crash repeats at most one chunk's worth of reads, never a change. */
const CHUNK = 100;
/** Prisma's 5 s default is too short for BULK_INLINE_LIMIT issues (a few statements each) on a busy machine. */
const INLINE_TIMEOUT_MS = 30_000;

const issueIdsSchema = z
  .array(z.uuid())
  .min(1, "Select at least one issue")
  .max(BULK_MAX, `At most ${BULK_MAX.toLocaleString("en")} issues at once`);

export type BulkResult =
  | { kind: "done"; issues: number; changed: number }
  | { kind: "queued"; operationId: string; total: number };

async function applyChunk(
  tx: Prisma.TransactionClient,
  issueIds: string[],
  patch: BulkPatch,
  editor: Editor,
): Promise<number> {
  // Issues deleted since they were selected are skipped.
  const existing = await tx.issue.findMany({
    where: { id: { in: issueIds } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  let changed = 0;
  // In id order, so two bulk changes over overlapping selections lock rows in the same order.
  for (const { id } of existing) changed += (await applyIssuePatch(tx, id, patch, editor)) > 0 ? 1 : 0;
  return changed;
}

export async function bulkUpdateIssues(
  db: Db,
  input: { issueIds: unknown; patch: unknown },
  editor: Editor,
): Promise<BulkResult> {
  const issueIds = [...new Set(parseInput(issueIdsSchema, input.issueIds))];
  const patch = parseInput(bulkPatchSchema, input.patch);
  if (issueIds.length <= BULK_INLINE_LIMIT) {
    // One transaction: a request that fails part-way changes nothing, so the person can simply retry it.
    const changed = await db.$transaction(
      async (tx) => {
        await assertEditorExists(tx, editor);
        return applyChunk(tx, issueIds, patch, editor);
      },
      { timeout: INLINE_TIMEOUT_MS, maxWait: INLINE_TIMEOUT_MS },
    );
    return { kind: "done", issues: issueIds.length, changed };
  }
  const operationId = await db.$transaction(async (tx) => {
    await assertEditorExists(tx, editor);
    const operation = await tx.bulkOperation.create({
      data: { actorId: editor.userId, changes: patch as Prisma.InputJsonObject, issueIds, total: issueIds.length },
      select: { id: true },
    });
    await enqueueJob(tx, QUEUES.issuesBulk.name, { operationId: operation.id }, { singletonKey: operation.id });
    return operation.id;
  });
  return { kind: "queued", operationId, total: issueIds.length };
}

/**
 * Works through a queued bulk operation from where it stopped: each chunk's changes and the progress
 * counter commit together, so a worker that dies mid-way resumes without repeating or skipping an issue.
 */
export async function runBulkOperation(db: Db, operationId: string): Promise<void> {
  for (;;) {
    const operation = await db.bulkOperation.findUnique({ where: { id: operationId } });
    if (!operation || operation.state === "done" || operation.state === "failed") return;
    const patch = bulkPatchSchema.parse(operation.changes);
    const chunk = operation.issueIds.slice(operation.done, operation.done + CHUNK);
    if (!operation.actorId) return failBulkOperation(db, operationId, "The person who started it no longer exists");
    const editor = { userId: operation.actorId };
    await db.$transaction(async (tx) => {
      // Locks the operation row: two workers running the same operation take turns, never the same chunk twice.
      const [locked] = await tx.$queryRaw<
        { done: number }[]
      >`SELECT done FROM bulk_operation WHERE id = ${operationId} FOR UPDATE`;
      if (!locked || locked.done !== operation.done) return;
      if (chunk.length > 0) await applyChunk(tx, chunk, patch, editor);
      const done = operation.done + chunk.length;
      const finished = done >= operation.total;
      await tx.bulkOperation.update({
        where: { id: operationId },
        data: { done, state: finished ? "done" : "running", finishedAt: finished ? new Date() : undefined },
        select: { id: true },
      });
    });
  }
}

export async function failBulkOperation(db: Db, operationId: string, reason: string): Promise<void> {
  await db.bulkOperation.updateMany({
    where: { id: operationId, state: { in: ["queued", "running"] } },
    data: { state: "failed", error: reason.slice(0, 500), finishedAt: new Date() },
  });
}

export interface BulkProgress {
  id: string;
  state: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  error: string | null;
}

/** The progress of a bulk operation, for the person who started it. */
export async function getBulkProgress(db: Db, operationId: string, userId: string): Promise<BulkProgress> {
  const parsed = z.uuid().safeParse(operationId);
  const operation = parsed.success
    ? await db.bulkOperation.findFirst({
        where: { id: parsed.data, actorId: userId },
        select: { id: true, state: true, done: true, total: true, error: true },
      })
    : null;
  if (!operation) throw new AppError("not_found", "No such bulk change");
  return operation;
}

/** The person's bulk operations still running (to come back to after leaving the page). */
export async function listRunningBulkOperations(db: Db, userId: string): Promise<BulkProgress[]> {
  return db.bulkOperation.findMany({
    where: {
      actorId: userId,
      OR: [{ state: { in: ["queued", "running"] } }, { finishedAt: { gte: new Date(Date.now() - 10 * 60_000) } }],
    },
    select: { id: true, state: true, done: true, total: true, error: true },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
}
