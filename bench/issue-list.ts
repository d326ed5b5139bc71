// Issue list benchmark: seeds 100,000 then 1,000,000 issues with generate_series, runs the real built
// server, and prints p50/p95 of the list's pages (first, filtered, page 200 by cursor, searches), the
// first page's weight (HTML and RSC payload) and EXPLAIN (ANALYZE, BUFFERS) of each query listIssues runs.
// Needs `npm run build` first (NEXT_DIST_DIR is honoured). See bench/README.md.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { createDbOnPool } from "../lib/db";
import { encodeCursor, parseIssueQuery } from "../lib/issues/issue-query";
import { listIssues } from "../lib/issues/list-issues";
import { installJobQueues } from "../lib/jobs/boss";
import { migrateDeploy } from "../scripts/migrate";
import { createTestDatabase, TEST_PG_ADMIN_URL } from "../tests/support/database";
import { startServer } from "../tests/support/server";
import { ensureUser, SessionClient } from "../tests/support/session";
import { keyToMenuTimes, rscPayload } from "./lib/list-page-client";

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1]! : (process.env[`BENCH_LIST_${name.toUpperCase()}`] ?? fallback);
};
const SIZES = arg("sizes", "100000,1000000").split(",").map(Number);
const REQUESTS = Number(arg("requests", "40"));
const PRESSES = Number(arg("presses", "30"));
const TARGETS: Record<number, number> = { 100000: 150, 1000000: 300 };
// A named database (`--db bench_list_1m`) is kept after the run and reused by the next one: seeding
// 1,000,000 issues takes minutes. Pending migrations are applied to it; only missing rows are seeded.
const KEEP_DB = arg("db", "");
const USER = { email: "bench-list@example.com", password: "bench-password-1", role: "admin" as const };

const SEED = (from: number, to: number) => `
WITH words AS (SELECT
  ARRAY['TypeError','ReferenceError','ConnectionError','TimeoutError','RangeError','SyntaxError','KeyError','ValueError','OperationalError','SocketError','AssertionError'] AS errors,
  ARRAY['checkout','payment','invoice','session','profile','search','upload','export','billing','cart','login','webhook','report','dashboard','notification','avatar','settings','sync','queue','cache'] AS nouns,
  ARRAY['Cannot read properties of undefined','database timeout','connection refused','unexpected token','maximum call stack exceeded','null is not an object','deadlock detected','permission denied','out of memory','invalid signature'] AS problems,
  ARRAY['frontend','api','worker','mobile','admin'] AS apps)
INSERT INTO issue (id, project_id, number, identifier, title, description, status, priority, source, assignee_id, created_at, updated_at, last_seen_at, event_count, regressed_at)
SELECT 'b' || lpad(n::text, 8, '0'),
  'p' || (n % 3),
  n / 3 + 1,
  (ARRAY['CHIPP','WEB','API'])[n % 3 + 1] || '-' || (n / 3 + 1),
  '[' || apps[1 + (n * 7) % 5] || '] ' || errors[1 + (n * 13) % 11] || ': ' || problems[1 + (n * 17) % 10] || ' in ' || nouns[1 + (n * 31) % 20] || ' ' || nouns[1 + (n * 37) % 20],
  'The ' || nouns[1 + (n * 41) % 20] || ' handler failed while processing a ' || nouns[1 + (n * 43) % 20] || ' request. ' ||
    problems[1 + (n * 47) % 10] || ' after ' || (n % 900) || ' ms. Impact: ' || (n % 50) || ' users in the ' || apps[1 + n % 5] || ' app.',
  (ARRAY['triage','triage','backlog','todo','in_progress','done','done','canceled'])[1 + (n * 11) % 8]::"IssueStatus",
  (ARRAY['P1','P2','P3','P3','P4'])[1 + (n * 19) % 5]::"Priority",
  (ARRAY['sentry','sentry','glitchtip','generic','manual'])[1 + n % 5],
  CASE WHEN n % 5 < 2 THEN NULL ELSE 'u' || (n % 20) END,
  -- two issues per second: ties on created_at
  timestamptz '2026-01-01' + (n / 2) * interval '1 second',
  timestamptz '2026-01-01' + (n / 2) * interval '1 second' + (n % 1000) * interval '1 minute',
  CASE WHEN n % 5 = 4 THEN NULL ELSE timestamptz '2026-01-01' + (n / 2) * interval '1 second' + (n % 97) * interval '1 hour' END,
  (n * 37) % 1000,
  CASE WHEN n % 500 = 0 THEN now() - (n % 10) * interval '1 day' END
FROM words, generate_series(${from}, ${to}) n;
INSERT INTO issue_label (issue_id, label_id) SELECT 'b' || lpad(n::text, 8, '0'), 'l' || (n % 10) FROM generate_series(${from}, ${to}) n WHERE n % 3 = 0;
INSERT INTO comment (id, issue_id, body, updated_at)
  SELECT 'c' || n, 'b' || lpad(n::text, 8, '0'), 'Seen again after the deploy; the retry loop in module' || (n % 300) || ' looks suspicious.', now()
  FROM generate_series(${from}, ${to}) n WHERE n % 20 = 0;
INSERT INTO external_issue (id, issue_id, source, external_id, metadata)
  SELECT 'e' || n, 'b' || lpad(n::text, 8, '0'), 'sentry', (4000000000 + n)::text, jsonb_build_object('shortId', 'FRONTEND-' || upper(to_hex(n)))
  FROM generate_series(${from}, ${to}) n WHERE n % 5 < 2;
INSERT INTO jira_ticket (issue_id, connection_id, project_key, fingerprint, options, state, ticket_key, updated_at)
  SELECT 'b' || lpad(n::text, 8, '0'), 'jc', 'OPS', 'tracker-' || n, '{}', CASE WHEN n % 100 = 0 THEN 'created' ELSE 'pending' END::"JiraTicketState",
         CASE WHEN n % 100 = 0 THEN 'OPS-' || n END, now()
  FROM generate_series(${from}, ${to}) n WHERE n % 50 = 0;
UPDATE project SET issue_counter = (SELECT max(number) FROM issue WHERE project_id = project.id);`;

const SETUP = `
INSERT INTO project (id, key, name) VALUES ('p0', 'CHIPP', 'Default'), ('p1', 'WEB', 'Web'), ('p2', 'API', 'API');
INSERT INTO "user" (id, email, name, updated_at) SELECT 'u' || n, 'user' || n || '@example.com', 'User ' || n, now() FROM generate_series(0, 19) n;
INSERT INTO label (id, name, color) SELECT 'l' || n, 'label-' || n, '#888888' FROM generate_series(0, 9) n;
INSERT INTO jira_connection (id, name, base_url, token_encrypted, updated_at) VALUES ('jc', 'Acme', 'https://acme.example', 'x', now());`;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const database = KEEP_DB ? await keptDatabase(KEEP_DB) : await createTestDatabase("bench_list");
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const report: string[] = [];
  try {
    const existing = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM issue`)).rows[0]!.n;
    if (!(await pool.query(`SELECT 1 FROM project WHERE id = 'p0'`)).rowCount) await pool.query(SETUP);
    const db = createDbOnPool(pool);
    await ensureUser(db, USER);
    if (process.argv.includes("--seed-only")) {
      await seedTo(pool, existing, Math.max(...SIZES));
      return;
    }
    // --sql-only: no server, only each scenario's statements explained (quick to iterate on indexes).
    const sqlOnly = process.argv.includes("--sql-only");
    if (!sqlOnly)
      server = await startServer({
        env: {
          DATABASE_URL: database.url,
          NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
          SECRETS_KEY: randomBytes(32).toString("hex"),
          WORKER_IN_WEB: "false",
        },
        timeoutMs: 120_000,
      });
    const client = server ? await SessionClient.signIn(server.url, USER) : undefined;
    const userId = (await pool.query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [USER.email])).rows[0]!
      .id;
    let seeded = existing;
    const rows: string[][] = [];
    for (const size of SIZES) {
      if (seeded > size) throw new Error(`${database.name} holds ${seeded} issues, more than ${size}`);
      await seedTo(pool, seeded, size);
      seeded = size;

      const row10k = (
        await pool.query<{ id: string; created_at: Date }>(
          `SELECT id, created_at FROM issue ORDER BY created_at DESC, id DESC OFFSET 9999 LIMIT 1`,
        )
      ).rows[0]!;
      const page200 = encodeCursor({ sort: "newest", group: 0, value: row10k.created_at.toISOString(), id: row10k.id });
      const scenarios: [string, Record<string, string>][] = [
        ["first page", {}],
        ["filtered (status+priority+label)", { status: "triage,todo", priority: "P1,P2", label: "label-3" }],
        ["page 200 (cursor of row 10,000)", { after: page200 }],
        ["sort by events", { sort: "events" }],
        ["sort by priority", { sort: "priority" }],
        ["view my", { view: "my" }],
        ["search word (timeout)", { q: "timeout" }],
        ["search partial word (checko)", { q: "checko" }],
        ["search identifier (WEB-1234)", { q: "WEB-1234" }],
        ["search shortId", { q: "FRONTEND-1F4" }],
        ["search phrase + filter", { q: '"connection refused"', status: "triage" }],
      ];
      for (const [name, params] of scenarios) {
        const path = `/issues?${new URLSearchParams(params)}`;
        const times: number[] = [];
        for (let i = 0; client && i < REQUESTS + 3; i++) {
          const t0 = performance.now();
          const response = await client.get(path);
          const body = await response.text();
          if (response.status !== 200 || !body.includes('data-testid="issue-count"'))
            throw new Error(`${path}: ${response.status}`);
          if (i >= 3) times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);

        // The statements listIssues runs for this query, explained.
        const captured: { text: string; values: unknown[] }[] = [];
        const recorder = new pg.Pool({ connectionString: database.url, max: 2 });
        const query = recorder.query.bind(recorder) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
        (recorder as unknown as { query: typeof query }).query = (text: string, values?: unknown[]) => {
          captured.push({ text, values: values ?? [] });
          return query(text, values);
        };
        await listIssues(createDbOnPool(recorder), parseIssueQuery(params), { userId });
        await recorder.end();
        const sqlMs: string[] = [];
        for (const [index, statement] of captured.entries()) {
          const plan = await pool.query<{ "QUERY PLAN": string }>(
            `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
            statement.values,
          );
          const lines = plan.rows.map((r) => r["QUERY PLAN"]);
          const indexes = [
            ...new Set(
              lines.flatMap((line) =>
                [
                  ...line.matchAll(
                    /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using |on )(\w+)/g,
                  ),
                ].map((m) => m[1]),
              ),
            ),
          ];
          const seq = lines.filter((line) => /Seq Scan on (issue|comment|external_issue)\b/.test(line)).length;
          sqlMs.push(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? "")?.[1]?.replace(/\.\d+$/, "") ?? "?");
          console.log(
            `  [${size}] ${name} #${index + 1} ${lines.at(-1)?.trim()} · indexes: ${indexes.join(", ") || "none"}${seq ? ` · SEQ SCANS: ${seq}` : ""}`,
          );
          report.push(
            `=== ${size} ${name} statement ${index + 1}\n${statement.text}\n-- values: ${JSON.stringify(statement.values).slice(0, 300)}\n${lines.join("\n")}\n`,
          );
        }
        const target = TARGETS[size];
        const p95 = client ? percentile(times, 95) : undefined;
        const verdict = target && p95 !== undefined ? (p95 < target ? "PASS" : `FAIL (>${target})`) : "";
        rows.push([
          size.toLocaleString("en-US"),
          name,
          client ? percentile(times, 50).toFixed(0) : "-",
          p95?.toFixed(0) ?? "-",
          sqlMs.join(" + "),
          verdict,
        ]);
        console.log(rows.at(-1)!.join(" | "));
      }
      if (!client) continue;
      const html = await (await client.get("/issues")).text();
      const rsc = await rscPayload(client, "/issues");
      if (rsc.status !== 200) console.log(`RSC request answered ${rsc.status} ${rsc.type}`);
      // Raw bytes, and gzipped as they travel (Next compresses its responses).
      const htmlWeight = `HTML ${kb(Buffer.byteLength(html))} (gzip ${kb(gzipSync(html).length)})`;
      const rscWeight = `RSC ${kb(rsc.bytes)} (gzip ${kb(rsc.gzipBytes)})`;
      console.log(`first page weight at ${size}: ${htmlWeight}, ${rscWeight} (${rsc.type})`);
      rows.push([size.toLocaleString("en-US"), "first page weight (50 rows)", htmlWeight, rscWeight, "", ""]);
      const keys = await keyToMenuTimes(server!.url, client, PRESSES);
      rows.push([
        size.toLocaleString("en-US"),
        `key s → status menu visible (${PRESSES} presses, chromium)`,
        percentile(keys, 50).toFixed(0),
        percentile(keys, 95).toFixed(0),
        "",
        "",
      ]);
      console.log(rows.at(-1)!.join(" | "));
    }
    writeFileSync("/tmp/issue-list-explain.txt", report.join("\n"));
    console.log(
      "\n| issues | scenario | p50 ms | p95 ms | SQL ms (page + count + rows, EXPLAIN ANALYZE) | target |\n| --- | --- | --- | --- | --- | --- |",
    );
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
    console.log("\nFull plans: /tmp/issue-list-explain.txt");
  } finally {
    await server?.stop();
    await pool.end();
    if (!KEEP_DB) await database.drop();
  }
}

async function seedTo(pool: pg.Pool, seeded: number, size: number) {
  if (seeded >= size) return;
  const started = Date.now();
  await pool.query(SEED(seeded + 1, size));
  await pool.query("VACUUM ANALYZE");
  console.log(`seeded ${size.toLocaleString("en-US")} issues in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The named bench database, created and migrated if absent; pending migrations are applied. */
async function keptDatabase(name: string) {
  if (!/^bench_[a-z0-9_]+$/.test(name)) throw new Error("--db must look like bench_list_1m");
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  let created = false;
  try {
    if (!(await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount) {
      await admin.query(`CREATE DATABASE "${name}"`);
      created = true;
    }
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  migrateDeploy(url.toString());
  if (created) await installJobQueues(url.toString());
  return { name, url: url.toString(), drop: async () => undefined };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
