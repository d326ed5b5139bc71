// pg-boss on the application's PostgreSQL. Workers own a boss with its own pool; web processes only
// produce jobs, inside their own Prisma transactions, and never open a pool for pg-boss.
import PgBoss from "pg-boss";
import { logger } from "../logger";
import { ALL_QUEUES } from "./queues";

export const JOB_SCHEMA = "pgboss";

export interface WorkerBossOptions {
  connectionString: string;
  max?: number;
  /** Seconds between maintenance runs (expiring jobs of dead workers, archiving). */
  maintenanceIntervalSeconds?: number;
}

export function createWorkerBoss(options: WorkerBossOptions): PgBoss {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: JOB_SCHEMA,
    max: options.max ?? 4,
    application_name: "tracker-worker",
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: undefined,
  });
  boss.on("error", (error) => logger.error({ err: error }, "jobs.boss_error"));
  return boss;
}

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
