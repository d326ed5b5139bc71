// The embedded database (PGlite, as `npm start` runs it without DATABASE_URL) runs every migration,
// pg_trgm's included, and the issue list's search: a partial word through the trigram index, a word
// through full text, an identifier.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, poolOf } from "@/lib/db";
import { parseIssueQuery } from "@/lib/issues/issue-query";
import { listIssues } from "@/lib/issues/list-issues";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../scripts/embedded-postgres";

const USER = "00000000-0000-4000-8000-000000000001";
let dataRoot = "";
let embedded: EmbeddedPostgres | undefined;
let db: Db | undefined;

/** Asynchronous, unlike scripts/migrate.ts: this process's event loop serves the embedded database. */
function migrate(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/prisma-migrate-deploy.mjs"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed:\n${output}`)),
    );
  });
}

describe("search on the embedded database", () => {
  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), "tracker-embedded-search-"));
    embedded = await startEmbeddedPostgres({ dataDir: join(dataRoot, "pglite") });
    await migrate(embedded.url);
    await embedded.waitUntilIdle(30_000);
    db = createDb(embedded.url, 1);
    const pool = poolOf(db);
    await pool.query(`INSERT INTO project (id, key, name) VALUES ('p', 'CHIPP', 'Default')`);
    await pool.query(
      `INSERT INTO issue (id, project_id, number, identifier, title, updated_at) VALUES
         ('a', 'p', 1, 'CHIPP-1', '[web] Checkout fails in Zürich', now()),
         ('b', 'p', 2, 'CHIPP-2', 'Database timeout', now())`,
    );
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    await embedded?.stop();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  }, 30_000);

  it("has pg_trgm and the trigram index", async () => {
    const pool = poolOf(db!);
    const { rows } = await pool.query<{ sim: number }>(`SELECT similarity('checkout', 'checko') AS sim`);
    expect(rows[0]!.sim).toBeGreaterThan(0.3);
    const index = await pool.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'issue_title_trgm_idx'`);
    expect(index.rowCount).toBe(1);
  });

  it("finds a partial word, a word and an identifier", async () => {
    const search = async (q: string) =>
      (await listIssues(db!, parseIssueQuery({ q }), { userId: USER })).issues.map((issue) => issue.identifier);
    expect(await search("checko")).toEqual(["CHIPP-1"]);
    expect(await search("zürich")).toEqual(["CHIPP-1"]);
    expect(await search("timeout")).toEqual(["CHIPP-2"]);
    expect(await search("CHIPP-2")).toEqual(["CHIPP-2"]);
    const page = await listIssues(db!, parseIssueQuery({}), { userId: USER });
    expect(page.total).toEqual({ count: 2, capped: false });
  });
});
