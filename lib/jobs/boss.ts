// pg-boss on the application's PostgreSQL: its schema and the queues. No pg-boss keeps a pool of its
// own: the worker's (run-worker.ts) runs its SQL on the process's pool, producers enqueue inside the
// caller's transaction (enqueue-job.ts), and the installer below opens one connection at migration time.
import PgBoss from "pg-boss";
import { logger } from "../logger";
import { ALL_QUEUES } from "./queues";

export const JOB_SCHEMA = "pgboss";

/** Creates pg-boss's schema and every queue (idempotent); run with migrations, before any enqueue. */
export async function installJobQueues(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, schema: JOB_SCHEMA, max: 1, supervise: false, schedule: false });
  boss.on("error", (error) => logger.error({ err: error }, "jobs.install_error"));
  await boss.start();
  try {
    for (const { name, ...policy } of ALL_QUEUES) {
      const existing = await boss.getQueue(name);
      if (existing) await boss.updateQueue(name, { name, ...policy });
      else await boss.createQueue(name, { name, ...policy });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
