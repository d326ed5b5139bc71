// Runs job handlers with pg-boss over a given connection pool, and installs or removes the cron
// schedules it is given. Failures retry with exponential backoff and jitter (queue policy); a remote's
// Retry-After reschedules the job no sooner than asked; a permanent failure, or the last failed
// attempt, is recorded on the issue's activity.

import type pg from "pg";
import PgBoss from "pg-boss";
import type { Db } from "../db";
import { type Failure, failureOf } from "../errors";
import { type Logger, logger } from "../logger";
import { JOB_SCHEMA } from "./boss";
import { createJobKeyLocks, type JobKeyLocks } from "./job-key-lock";
import type { QueueName } from "./queues";
import { recordJobFailure } from "./record-job-failure";

export interface JobContext {
  jobId: string;
  attempt: number;
  log: Logger;
}

export type JobHandler = (data: Record<string, unknown>, context: JobContext) => Promise<void>;

export interface StartWorkerOptions {
  pool: pg.Pool;
  db: Db;
  handlers: Partial<Record<QueueName, JobHandler>>;
  /** Cron schedules to install (a cron expression) or remove (null) at start. */
  schedules?: Partial<Record<QueueName, string | null>>;
  /** Jobs sent once at start, each after the given number of seconds (a stately queue keeps one waiting). */
  startupJobs?: Partial<Record<QueueName, number>>;
  /** Jobs of a queue that run at once in this process (default 1). */
  concurrency?: Partial<Record<QueueName, number>>;
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
}

export interface RunningWorker {
  /** Stops fetching; waits up to `timeoutMs` for running jobs, then hands the rest back to pg-boss. */
  stop(timeoutMs?: number): Promise<void>;
}

const MAX_DEFERRALS = 20;
/** A job whose key is running elsewhere comes back after this long (uncounted: waiting is the plan). */
const KEY_BUSY_RETRY_SECONDS = 2;

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const boss = new PgBoss({
    schema: JOB_SCHEMA,
    db: { executeSql: (text: string, values?: unknown[]) => options.pool.query(text, values) },
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => {
    // A claim refused by a stately queue's unique index (its next job's key is running; pg-boss 10.4
    // swallows fetch errors, a later version may not). Only keyless one-slot queues are stately now;
    // warn, since on a keyed queue it would mean the stall job-key-lock.ts exists to avoid.
    if (/job_i3/.test(error.message)) logger.warn({ err: error }, "jobs.claim_refused");
    else logger.error({ err: error }, "jobs.worker_error");
  });
  const keyLocks = createJobKeyLocks(options.pool);
  await boss.start();
  for (const [queue, cron] of Object.entries(options.schedules ?? {})) {
    if (cron) await boss.schedule(queue, cron, {}, { tz: "UTC" });
    else await boss.unschedule(queue);
  }
  for (const [queue, startAfter] of Object.entries(options.startupJobs ?? {}))
    await boss.send(queue, {}, { startAfter });
  for (const [queue, handler] of Object.entries(options.handlers)) {
    // One pg-boss worker per slot: each claims one job at a time (SKIP LOCKED, so never the same one),
    // and after a job it looks for the next at once; only an empty queue waits for the polling interval.
    const slots = Math.max(1, options.concurrency?.[queue as QueueName] ?? 1);
    for (let slot = 0; slot < slots; slot++) {
      let workerId = "";
      workerId = await boss.work<Record<string, unknown>>(
        queue,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          if (!job) return;
          try {
            await runJob(boss, options.db, keyLocks, queue, job, handler);
          } finally {
            boss.notifyWorker(workerId);
          }
        },
      );
    }
  }
  logger.info(
    {
      queues: Object.keys(options.handlers),
      schedules: options.schedules ?? {},
      concurrency: options.concurrency ?? {},
    },
    "jobs.worker_started",
  );
  return {
    async stop(timeoutMs = 10_000) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
      await keyLocks.close();
    },
  };
}

async function runJob(
  boss: PgBoss,
  db: Db,
  keyLocks: JobKeyLocks,
  queue: string,
  job: PgBoss.JobWithMetadata<Record<string, unknown>>,
  handler: JobHandler,
) {
  const key = job.singletonKey;
  if (!key) return runClaimedJob(boss, db, queue, job, handler);
  if (!(await keyLocks.tryAcquire(queue, key))) {
    // The key's previous job is still running: this one comes back shortly (a waiting job of the key,
    // if one is queued already, stands for it: keyed jobs converge on the key's current state).
    logger.debug({ queue, jobId: job.id, key }, "job.key_busy");
    await boss.send(queue, job.data, { startAfter: KEY_BUSY_RETRY_SECONDS, singletonKey: key });
    return;
  }
  try {
    await runClaimedJob(boss, db, queue, job, handler);
  } finally {
    await keyLocks.release(queue, key);
  }
}

async function runClaimedJob(
  boss: PgBoss,
  db: Db,
  queue: string,
  job: PgBoss.JobWithMetadata<Record<string, unknown>>,
  handler: JobHandler,
) {
  const attempt = job.retryCount + 1;
  const log = logger.child({ queue, jobId: job.id, attempt });
  const issueId = typeof job.data.issueId === "string" ? job.data.issueId : undefined;
  const giveUp = async (reason: string) => {
    log.warn({ reason }, "job.failed_permanently");
    const { deferrals: _deferrals, ...jobData } = job.data;
    if (issueId) await recordJobFailure(db, { issueId, queue, jobId: job.id, reason, attempts: attempt, jobData });
  };
  try {
    await handler(job.data, { jobId: job.id, attempt, log });
    log.info("job.completed");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failure = failureOf(error);
    if (failure === "permanent") return giveUp(reason);
    if (failure === "retry_after") {
      const { retryAfterSeconds = 60, counted } = error as Failure;
      const deferrals = Number(job.data.deferrals ?? 0) + (counted ? 1 : 0);
      if (deferrals > MAX_DEFERRALS) return giveUp(`${reason} (deferred ${MAX_DEFERRALS} times)`);
      log.warn({ retryAfterSeconds }, "job.deferred");
      await boss.send(
        queue,
        { ...job.data, deferrals },
        {
          startAfter: Math.ceil(retryAfterSeconds),
          singletonKey: job.singletonKey ?? undefined,
        },
      );
      return;
    }
    if (job.retryCount >= job.retryLimit) await giveUp(reason);
    else log.warn({ err: error }, "job.attempt_failed");
    throw error;
  }
}
