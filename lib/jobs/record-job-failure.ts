// A job that gave up is recorded on its issue's activity, so the failure is visible and retryable
// from the issue page instead of silently lost.
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

export interface JobFailure {
  issueId: string;
  queue: string;
  jobId: string;
  reason: string;
  attempts: number;
  /** The job's payload, kept so that the job can be retried from the issue page. */
  jobData: Record<string, unknown>;
}

export async function recordJobFailure(db: Db, failure: JobFailure): Promise<void> {
  const exists = await db.issue.findUnique({ where: { id: failure.issueId }, select: { id: true } });
  if (!exists) return;
  await db.activity.create({
    data: {
      issueId: failure.issueId,
      actorName: "Tracker",
      action: "job_failed",
      data: {
        queue: failure.queue,
        jobId: failure.jobId,
        reason: failure.reason,
        attempts: failure.attempts,
        jobData: failure.jobData as Prisma.InputJsonObject,
      },
    },
  });
}
