// Enqueues a job inside the caller's transaction, so an issue and its follow-up commit or roll back
// together. pg-boss generates the SQL; the transaction (Prisma's, or a pg client's) runs it.
import PgBoss from "pg-boss";
import { type SqlExecutor, sqlQuery } from "../sql-executor";
import { JOB_SCHEMA } from "./boss";
import type { QueueName } from "./queues";

const producer = new PgBoss({
  schema: JOB_SCHEMA,
  db: {
    executeSql: () => Promise.reject(new Error("enqueueJob must be given a transaction")),
  },
});

export interface EnqueueOptions {
  /** Jobs with the same key are not queued twice while one is waiting (a storm runs once). */
  singletonKey?: string;
  startAfterSeconds?: number;
}

export async function enqueueJob(
  tx: SqlExecutor,
  queue: QueueName,
  data: object,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const db = {
    executeSql: async (text: string, values: unknown[] = []) => ({ rows: await sqlQuery(tx, text, values) }),
  };
  return producer.send(queue, data, {
    db,
    singletonKey: options.singletonKey,
    startAfter: options.startAfterSeconds,
  } as PgBoss.SendOptions);
}
