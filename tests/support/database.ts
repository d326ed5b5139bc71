// A fresh, migrated PostgreSQL database per test file (or per server), on the local server only.
// Each is a copy of a template migrated once, which is much cheaper than migrating every database.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { installJobQueues } from "../../lib/jobs/boss";
import { migrateDeploy } from "../../scripts/migrate";

/** Admin connection used to create and drop test databases. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database cloned from a template that holds every migration and the job queues. The template is
 * built once per distinct set of migrations and queue definitions (its name carries their hash), under a
 * temporary name renamed only when complete, so a crashed build never leaves a half-migrated template.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  assertLocal(TEST_PG_ADMIN_URL);
  const name = `tracker_test_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const template = await ensureTemplateDatabase();
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = databaseUrl(name);
  return {
    name,
    url,
    async drop() {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
let templateName: Promise<string> | undefined;

function ensureTemplateDatabase(): Promise<string> {
  templateName ??= buildTemplateOnce().catch((error) => {
    templateName = undefined;
    throw error;
  });
  return templateName;
}

/** What the template depends on: the migrations and the job queue definitions. */
function templateFingerprint(): string {
  const hash = createHash("sha256");
  const migrations = join(projectRoot, "prisma/migrations");
  const files = readdirSync(migrations, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".sql"))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(join(migrations, file)));
  for (const file of ["lib/jobs/boss.ts", "lib/jobs/queues.ts"])
    hash.update(file).update(readFileSync(join(projectRoot, file)));
  return hash.digest("hex").slice(0, 16);
}

async function buildTemplateOnce(): Promise<string> {
  const name = `tracker_template_${templateFingerprint()}`;
  // Test files in several processes (and checkouts) may ask at once: one builds, the others wait for it.
  const lockKey = Number.parseInt(name.slice(-8), 16) | 0;
  await withAdmin(async (admin) => {
    await admin.query("SELECT pg_advisory_lock($1)", [lockKey]);
    try {
      const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (existing.rowCount) return;
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      migrateDeploy(databaseUrl(building));
      await installJobQueues(databaseUrl(building));
      // The migrate CLI is killed once it reports success; its connection may still be closing.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [building]);
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } finally {
      await admin.query("SELECT pg_advisory_unlock($1)", [lockKey]);
    }
  });
  return name;
}
