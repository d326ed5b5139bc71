// `npm run worker`: a job worker on its own, so several web and worker processes can share one
// PostgreSQL. Stops gracefully on SIGINT/SIGTERM (the running job finishes or is retried later).
import { getDb, getPool } from "../lib/db";
import { EnvError, getEnv } from "../lib/env";
import { startProcessWorker } from "../lib/jobs/start-process-worker";
import { logger } from "../lib/logger";

try {
  if (!getEnv().DATABASE_URL) throw new EnvError("DATABASE_URL must be set for a standalone worker");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const worker = await startProcessWorker();
logger.info("worker.ready");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, "worker.stopping");
    await worker.stop();
    await getDb().$disconnect();
    await getPool().end().catch(() => undefined);
    process.exit(0);
  });
}
