// `npm run worker`: a job worker on its own, so several web and worker processes can share one
// PostgreSQL. Stops gracefully on SIGINT/SIGTERM (the running job finishes or is retried later).
import { fileURLToPath } from "node:url";
import { SECRETS_KEY_PATH, storedSecretsKey } from "../lib/bootstrap/secret";
import { getDb, getPool } from "../lib/db";
import { EnvError, getEnv } from "../lib/env";
import { startProcessWorker } from "../lib/jobs/start-process-worker";
import { logger } from "../lib/logger";

// Beside `npm start`, use the key it generated: Jira and GlitchTip secrets are sealed with it.
const keyFromFile = process.env.SECRETS_KEY
  ? undefined
  : storedSecretsKey(fileURLToPath(new URL("..", import.meta.url)));
if (keyFromFile) process.env.SECRETS_KEY = keyFromFile;

try {
  if (!getEnv().DATABASE_URL) throw new EnvError("DATABASE_URL must be set for a standalone worker");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

if (keyFromFile) logger.info(`worker: using SECRETS_KEY from ${SECRETS_KEY_PATH}`);
else if (!getEnv().SECRETS_KEY)
  logger.warn("worker: SECRETS_KEY is not set: jobs that need a Jira or GlitchTip secret will fail until it is");
const worker = await startProcessWorker();
logger.info("worker.ready");
async function stop(): Promise<void> {
  await worker.stop();
  await getDb().$disconnect();
  await getPool()
    .end()
    .catch(() => undefined);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "worker.stopping");
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "worker.stop_failed");
        process.exit(1);
      },
    );
  });
}
