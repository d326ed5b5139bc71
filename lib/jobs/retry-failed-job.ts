// "Retry" on a failed job shown in an issue's activity: enqueue the same job again, and say who asked.
import type { Db } from "../db";
import { AppError } from "../errors";
import { storableText } from "../text/storable";
import { enqueueJob } from "./enqueue-job";
import { ALL_QUEUES, type QueueName } from "./queues";

const KNOWN_QUEUES = new Set<string>(ALL_QUEUES.map((queue) => queue.name));

export async function retryFailedJob(db: Db, input: { activityId: string; userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const failure = await tx.activity.findUnique({
      where: { id: storableText(input.activityId) },
      select: { issueId: true, action: true, data: true },
    });
    const data = (failure?.data ?? {}) as { queue?: unknown; jobData?: unknown };
    if (failure?.action !== "job_failed" || typeof data.queue !== "string" || !KNOWN_QUEUES.has(data.queue)) {
      throw new AppError("not_found", "There is no failed job to retry here");
    }
    if (typeof data.jobData !== "object" || data.jobData === null)
      throw new AppError("bad_request", "This failure cannot be retried");
    // `retried` lets a handler tell a deliberate retry from routine work (e.g. re-send a refused Jira ticket).
    const jobId = await enqueueJob(
      tx,
      data.queue as QueueName,
      { ...data.jobData, retried: true },
      { singletonKey: failure.issueId },
    );
    await tx.activity.create({
      data: {
        issueId: failure.issueId,
        actorId: input.userId,
        action: "job_retried",
        data: { queue: data.queue, jobId, failureId: input.activityId },
      },
    });
  });
}
