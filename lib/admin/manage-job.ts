// An admin's retry or cancel of a failed or retrying job, in pg-boss's own terms (its retry and
// cancel statements, plus "run now"), with the audit entry in the same transaction.
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { JOB_SCHEMA } from "../jobs/boss";
import { sqlQuery } from "../sql-executor";
import { recordAdminChange } from "./audit-log";

const jobIdSchema = z.uuid("No such job");

/** A failed job gets one more attempt, a retrying one runs now instead of after its backoff. */
export async function retryJob(db: Db, jobId: string, actor: { userId: string }): Promise<void> {
  await changeJob(
    db,
    jobId,
    actor,
    "job.retried",
    `UPDATE ${JOB_SCHEMA}.job
       SET state = 'retry', start_after = now(), retry_limit = CASE WHEN state = 'failed' THEN retry_limit + 1 ELSE retry_limit END
     WHERE id = $1::uuid AND state IN ('failed', 'retry')
     RETURNING name, state::text AS state`,
  );
}

/** A retrying job stops; a failed one is set aside as cancelled (no longer listed). */
export async function cancelJob(db: Db, jobId: string, actor: { userId: string }): Promise<void> {
  await changeJob(
    db,
    jobId,
    actor,
    "job.cancelled",
    `UPDATE ${JOB_SCHEMA}.job
       SET state = 'cancelled', completed_on = now()
     WHERE id = $1::uuid AND state IN ('failed', 'retry')
     RETURNING name, state::text AS state`,
  );
}

async function changeJob(db: Db, jobId: string, actor: { userId: string }, action: string, sql: string): Promise<void> {
  const id = jobIdSchema.safeParse(jobId);
  if (!id.success) throw new AppError("not_found", "No such job");
  await db.$transaction(async (tx) => {
    const [changed] = await sqlQuery<{ name: string }>(tx, sql, [id.data]);
    if (!changed)
      throw new AppError(
        "conflict",
        "This job is no longer failed or retrying (it may have run or been cancelled meanwhile)",
      );
    await recordAdminChange(tx, {
      actorId: actor.userId,
      action,
      targetType: "job",
      targetId: id.data,
      targetName: changed.name,
    });
  });
}
