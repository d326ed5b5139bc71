// One connection pool and one Prisma client per process, over node-postgres (the Rust-free client;
// see stack notes). The job worker runs its SQL through the same pool, so a process never holds more
// connections than DATABASE_POOL_MAX (one on the embedded database, which is a single backend).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Prisma, PrismaClient } from "./generated/prisma/client";
import { getEnv } from "./env";

export type Db = PrismaClient;

/** A client usable both outside and inside `db.$transaction(async (tx) => ...)`. */
export type DbClient = Db | Prisma.TransactionClient;

export function createPool(connectionString: string, max: number): pg.Pool {
  return new pg.Pool({ connectionString, max });
}

export function createDbOnPool(pool: pg.Pool): Db {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

export function createDb(connectionString: string, max: number): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

const globalForDb = globalThis as unknown as { trackerPool?: pg.Pool; trackerDb?: Db };

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
