// The worker of this process: shares its connection pool (see lib/db.ts), started once.
import { getDb, getPool } from "../db";
import { getEnv } from "../env";
import { jobHandlers } from "./handlers";
import { type RunningWorker, startWorker } from "./run-worker";

const globalForWorker = globalThis as unknown as { trackerWorker?: Promise<RunningWorker> };

export function startProcessWorker(): Promise<RunningWorker> {
  const env = getEnv();
  globalForWorker.trackerWorker ??= startWorker({
    pool: getPool(),
    db: getDb(),
    handlers: jobHandlers,
    pollingIntervalSeconds: env.JOBS_POLL_SECONDS,
    maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_SECONDS,
  });
  return globalForWorker.trackerWorker;
}
