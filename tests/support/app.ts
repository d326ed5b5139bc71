// One running app per test file: a fresh migrated database and the real built Next.js server.
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "../../lib/db";
import { createTestDatabase, type TestDatabase } from "./database";
import { TEST_SENTRY_SECRET } from "./sentry";
import { type RunningServer, startServer } from "./server";

export interface TestApp {
  url: string;
  db: Db;
  database: TestDatabase;
  server: RunningServer;
  stop(): Promise<void>;
}

export async function startTestApp(label: string, env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const database = await createTestDatabase(label);
  const server = await startServer({
    env: {
      DATABASE_URL: database.url,
      SENTRY_CLIENT_SECRET: TEST_SENTRY_SECRET,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      SECRETS_KEY: randomBytes(32).toString("hex"),
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const db = createDb(database.url, 5);
  return {
    url: server.url,
    db,
    database,
    server,
    async stop() {
      await server.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}
