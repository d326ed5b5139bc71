// The worker of this process: shares its connection pool (see lib/db.ts), started once.
import { getDb, getPool } from "../db";
import { getEnv } from "../env";
import { jobHandlers } from "./handlers";
import { QUEUES, type QueueName } from "./queues";
import { type RunningWorker, startWorker } from "./run-worker";

const globalForWorker = globalThis as unknown as { trackerWorker?: Promise<RunningWorker> };

export function startProcessWorker(): Promise<RunningWorker> {
  const env = getEnv();
  globalForWorker.trackerWorker ??= startWorker({
    pool: getPool(),
    db: getDb(),
    handlers: jobHandlers,
    // Reconciliation polls Sentry only with a token; without one its schedule is removed (off).
    schedules: {
      [QUEUES.sentryReconcile.name]: env.sentryApiEnabled ? env.SENTRY_RECONCILE_CRON : null,
      // Cheap when there is nothing to do (one indexed query); keeps no ticket stranded.
      [QUEUES.jiraSweep.name]: "*/5 * * * *",
      [QUEUES.deliveriesRecover.name]: "* * * * *",
      // Retention of raw delivery bodies (DELIVERY_BODY_RETENTION_DAYS).
      [QUEUES.deliveriesPrune.name]: "17 * * * *",
    },
    // Once the deliveries a dead predecessor left are old enough to be taken for abandoned.
    startupJobs: { [QUEUES.deliveriesRecover.name]: env.DELIVERY_RECOVERY_AFTER_SECONDS + 1 },
    concurrency: jobConcurrency(env.JOBS_CONCURRENCY, env.DATABASE_POOL_MAX),
    pollingIntervalSeconds: env.JOBS_POLL_SECONDS,
    maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_SECONDS,
  });
  return globalForWorker.trackerWorker;
}

/**
 * Queues whose jobs are independent per issue run JOBS_CONCURRENCY at once, within half the pool (the
 * rest stays for requests when the worker shares the web process). GitHub's side is bounded by the
 * client's throttling (10 requests at once per token). Scheduled sweeps run one at a time anyway.
 */
function jobConcurrency(requested: number, poolMax: number): Partial<Record<QueueName, number>> {
  const slots = Math.max(1, Math.min(requested, Math.floor(poolMax / 2)));
  return {
    [QUEUES.githubCorrelate.name]: slots,
    [QUEUES.jiraSync.name]: slots,
    [QUEUES.issuesBulk.name]: Math.min(slots, 2),
  };
}
