// One connection pool and one Prisma client per process, over node-postgres (the Rust-free client;
// docs/stack-notes.md says why). The job worker runs its SQL through the same pool, so a process never holds more
// connections than DATABASE_POOL_MAX (one on the embedded database, which is a single backend).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getEnv } from "./env";
import { type Prisma, PrismaClient } from "./generated/prisma/client";
import { logger } from "./logger";

export type Db = PrismaClient;

/** A client usable both outside and inside `db.$transaction(async (tx) => ...)`. */
export type DbClient = Db | Prisma.TransactionClient;

export function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    // pg remembers per client which named statements it prepared (see sqlQuery). The embedded
    // database's session outlives a client, so a new connection first drops what an earlier one prepared.
    // pg-pool awaits a promise from onConnect (a rejection fails the checkout); @types/pg says void.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    onConnect: async (client) => {
      await client.query("DEALLOCATE ALL");
    },
  });
  // An idle connection that dies (e.g. PostgreSQL restarted) is dropped by the pool; without a
  // listener its error would end the process. Raw SQL may use the pool before Prisma adds its own.
  // pg-pool hangs the whole client (its state, prepared statement texts) on the error: log only what tells the cause.
  pool.on("error", (error: Error & { code?: string }) =>
    logger.warn({ err: { type: error.name, message: error.message, code: error.code } }, "db.idle_connection_error"),
  );
  return pool;
}

// Kept on globalThis like the process's client: Next.js may load this module more than once (e.g. in
// instrumentation and in a route), and a client made by one copy must be known to the others.
const globalForDb = globalThis as unknown as {
  trackerPool?: pg.Pool;
  trackerDb?: Db;
  trackerPools?: WeakMap<Db, pg.Pool>;
};
/** The pool each client runs on, for raw SQL (see poolOf). */
const pools = (globalForDb.trackerPools ??= new WeakMap<Db, pg.Pool>());

export function createDbOnPool(pool: pg.Pool): Db {
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(db, pool);
  return db;
}

/** A client with a pool of its own, ended by `$disconnect()`. */
export function createDb(connectionString: string, max: number): Db {
  const pool = createPool(connectionString, max);
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/** The node-postgres pool under a client made here: raw SQL on it shares the client's connections. */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("poolOf: this Prisma client was not made by createDb or createDbOnPool");
  return pool;
}

export function getPool(): pg.Pool {
  if (!globalForDb.trackerPool) {
    const env = getEnv();
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
    globalForDb.trackerPool = createPool(env.DATABASE_URL, env.DATABASE_POOL_MAX);
  }
  return globalForDb.trackerPool;
}

export function getDb(): Db {
  globalForDb.trackerDb ??= createDbOnPool(getPool());
  return globalForDb.trackerDb;
}
