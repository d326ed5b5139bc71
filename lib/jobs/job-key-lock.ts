// At most one running job per (queue, singleton key), across every worker process. pg-boss's "stately"
// policy would give that, but its claim fails on a unique index when the oldest waiting job's key is
// running, and that failure stalls every slot of the queue; keyed queues therefore use "short" (one
// waiting per key) and take this lock when a job starts.
//
// One PostgreSQL session per worker holds a session-level advisory lock for each key running in this
// process (released with the job, or by PostgreSQL when the process dies); an in-process set guards
// against two slots of this process, since advisory locks are re-entrant within one session.
import type pg from "pg";
import { logger } from "../logger";

export interface JobKeyLocks {
  /** true: the key is now ours until `release`; false: a job of this key is running somewhere. */
  tryAcquire(queue: string, key: string): Promise<boolean>;
  release(queue: string, key: string): Promise<void>;
  close(): Promise<void>;
}

export function createJobKeyLocks(pool: pg.Pool): JobKeyLocks {
  const held = new Set<string>();
  let session: Promise<pg.PoolClient> | undefined;
  // Every statement on the session runs in turn (a pg client queues them anyway; this keeps errors apart).
  let queue: Promise<unknown> = Promise.resolve();

  const connect = () => {
    session ??= pool.connect().then((client) => {
      client.on("error", (error) => {
        // PostgreSQL dropped the session and with it every lock it held; the running jobs finish unguarded.
        logger.error({ err: error, keys: [...held] }, "jobs.key_lock_session_lost");
        session = undefined;
        client.release(error);
      });
      return client;
    });
    session.catch(() => (session = undefined));
    return session;
  };
  const run = <T>(statement: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const next = queue.then(async () => statement(await connect()));
    queue = next.catch(() => undefined);
    return next;
  };
  const id = (name: string, key: string) => `${name}\u0000${key}`;

  return {
    async tryAcquire(name, key) {
      const lockId = id(name, key);
      if (held.has(lockId)) return false;
      held.add(lockId);
      try {
        const { rows } = await run((client) =>
          client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked", [
            name,
            key,
          ]),
        );
        if (!rows[0]?.locked) held.delete(lockId);
        return rows[0]?.locked === true;
      } catch (error) {
        held.delete(lockId);
        throw error;
      }
    },
    async release(name, key) {
      const lockId = id(name, key);
      if (!held.delete(lockId)) return;
      await run((client) => client.query("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", [name, key])).catch(
        (error) => logger.warn({ err: error, key }, "jobs.key_unlock_failed"),
      );
    },
    async close() {
      await queue;
      const client = await session?.catch(() => undefined);
      session = undefined;
      client?.release(true);
    },
  };
}
