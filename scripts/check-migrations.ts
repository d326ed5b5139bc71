// Fails when prisma/schema.prisma and the committed migrations disagree. With a driver adapter Prisma
// cannot diff against a live database, so both sides are materialised and their catalogs compared:
// database A gets `migrate deploy`, database B the SQL that creates the schema from scratch.
import { execFileSync } from "node:child_process";
import pg from "pg";
import { createTestDatabase } from "../tests/support/database";

const CATALOG_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, datetime_precision
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY table_name, column_name`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                  AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
          ORDER BY t.typname, e.enumsortorder`,
};

async function catalog(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, string[]> = {};
    for (const [name, sql] of Object.entries(CATALOG_QUERIES)) {
      result[name] = (await client.query(sql)).rows.map((row) => JSON.stringify(row));
    }
    return result;
  } finally {
    await client.end();
  }
}

async function applySql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const fromMigrations = await createTestDatabase("drift_migrations");
const fromSchema = await createTestDatabase("drift_schema");
try {
  // createTestDatabase migrates both; start B from an empty public schema instead.
  await applySql(fromSchema.url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  const createSql = execFileSync(
    process.execPath,
    [
      "node_modules/prisma/build/index.js",
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    {
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: fromSchema.url },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // Extensions are created by the migrations (schema.prisma only names their operator classes).
  await applySql(fromSchema.url, `CREATE EXTENSION IF NOT EXISTS pg_trgm;\n${createSql}`);

  const [a, b] = await Promise.all([catalog(fromMigrations.url), catalog(fromSchema.url)]);
  const differences: string[] = [];
  for (const kind of Object.keys(CATALOG_QUERIES)) {
    const onlyMigrations = a[kind]!.filter((row) => !b[kind]!.includes(row));
    const onlySchema = b[kind]!.filter((row) => !a[kind]!.includes(row));
    for (const row of onlyMigrations) differences.push(`${kind}: only in migrations: ${row}`);
    for (const row of onlySchema) differences.push(`${kind}: only in schema.prisma: ${row}`);
  }
  if (differences.length > 0) {
    console.error(`schema.prisma and prisma/migrations disagree:\n${differences.join("\n")}`);
    console.error("\nCreate a migration with: npm run db:migration -- <name>");
    process.exitCode = 1;
  } else {
    console.log("schema.prisma and prisma/migrations agree.");
  }
} finally {
  await Promise.all([fromMigrations.drop(), fromSchema.drop()]);
}
