// One Prisma client per process, over node-postgres (the Rust-free client; see stack notes).
import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "./generated/prisma/client";
import { getEnv } from "./env";

export type Db = PrismaClient;

export function createDb(connectionString: string, max: number): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

const globalForDb = globalThis as unknown as { trackerDb?: Db };

export function getDb(): Db {
  if (!globalForDb.trackerDb) {
    const env = getEnv();
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
    globalForDb.trackerDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_MAX);
  }
  return globalForDb.trackerDb;
}

/** A client usable both outside and inside `db.$transaction(async (tx) => ...)`. */
export type DbClient = Db | Prisma.TransactionClient;
