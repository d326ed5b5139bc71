// The worker of this process: shares its connection pool (see lib/db.ts), started once.
import { getDb, getPool } from "../db";
import { getEnv } from "../env";
import { jobHandlers } from "./handlers";
import { QUEUES } from "./queues";
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
    },
    // Once the deliveries a dead predecessor left are old enough to be taken for abandoned.
    startupJobs: { [QUEUES.deliveriesRecover.name]: env.DELIVERY_RECOVERY_AFTER_SECONDS + 1 },
    pollingIntervalSeconds: env.JOBS_POLL_SECONDS,
    maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_SECONDS,
  });
  return globalForWorker.trackerWorker;
}
