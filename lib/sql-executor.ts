// Raw SQL that runs the same on a Prisma client or interactive transaction and on node-postgres (the
// process's pool, or one of its clients inside BEGIN … COMMIT). The hot ingestion path uses pg
// directly; code it shares with Prisma transactions (job enqueueing, follow-ups) takes a SqlExecutor.
import type pg from "pg";
import type { DbClient } from "./db";

export type SqlExecutor = DbClient | pg.Pool | pg.ClientBase;

/**
 * `name`: on pg, run it as a named prepared statement, parsed and planned once per connection (for a
 * statement of several CTEs, planning costs PostgreSQL more than running it). One name, one text.
 */
export async function sqlQuery<Row>(
  executor: SqlExecutor,
  text: string,
  values: unknown[] = [],
  name?: string,
): Promise<Row[]> {
  if ("$queryRawUnsafe" in executor) return executor.$queryRawUnsafe<Row[]>(text, ...values);
  return (await executor.query({ text, values, name })).rows as Row[];
}

/**
 * Runs `work` in a transaction on one client of the pool and commits; rolls back on any error. The
 * client is the only connection used meanwhile, so this works on a single-connection pool as long as
 * `work` runs all its SQL on it.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
      client.release();
    } catch (rollbackError) {
      // The connection is unusable: the pool drops it.
      client.release(rollbackError as Error);
    }
    throw error;
  }
}
