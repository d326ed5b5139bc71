// Writes prisma/migrations/<timestamp>_<name>/migration.sql for the changes to schema.prisma since the
// last commit (`prisma migrate dev` is unreliable offline; see stack notes).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(1);
}

const previous = join(mkdtempSync(join(tmpdir(), "schema-")), "schema.prisma");
writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }));
const sql = execFileSync(
  process.execPath,
  [
    "node_modules/prisma/build/index.js",
    "migrate",
    "diff",
    "--from-schema-datamodel",
    previous,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  {
    encoding: "utf8",
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      DATABASE_URL:
        process.env.DATABASE_URL ?? process.env.TEST_PG_ADMIN_URL ?? "postgresql://root@127.0.0.1:5432/postgres",
    },
  },
);
if (!/^\s*(ALTER|CREATE|DROP)/im.test(sql)) {
  console.log("No schema changes since HEAD; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql — review it, then run npm run db:check.`);
