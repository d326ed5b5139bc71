// How correlation finds the stack frames Sentry sent inline (lib/correlation/find-delivered-frames.ts)
// once webhook_delivery holds 1,000,000 rows: the statement the real function sends, captured from the
// connection, is EXPLAINed (ANALYZE, BUFFERS) and timed without and with webhook_delivery_external_id_idx,
// side by side in one run. No server needed. `npx tsx bench/delivered-frames.ts [--rows 1000000]`
import pg from "pg";
import { findDeliveredFrames } from "../lib/correlation/find-delivered-frames";
import { createDbOnPool } from "../lib/db";
import { createTestDatabase } from "../tests/support/database";

const rowsIndex = process.argv.indexOf("--rows");
const ROWS = rowsIndex > 0 ? Number(process.argv[rowsIndex + 1]) : 1_000_000;
const LOOKUPS = 200;

const database = await createTestDatabase("bench_delivered_frames");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
const captured: { text: string; values: unknown[] }[] = [];
pool.on("connect", (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const config = args[0] as { text?: string; values?: unknown[] } | string;
    if (typeof config === "object" && config.text?.includes("webhook_delivery"))
      captured.push({ text: config.text, values: config.values ?? [] });
    return query(...args);
  };
});
const db = createDbOnPool(pool);

try {
  console.log(`seeding ${ROWS.toLocaleString("en")} deliveries…`);
  // Mostly created/deduplicated issue deliveries; every 10th an event_alert skip carrying frames, as Sentry sends.
  await pool.query(
    `INSERT INTO webhook_delivery (id, source, received_at, headers, raw_body, outcome, external_id, processed_at)
     SELECT 'd' || n, 'sentry', now() - (n || ' seconds')::interval,
       jsonb_build_object('sentry-hook-resource', CASE WHEN n % 10 = 0 THEN 'event_alert' ELSE 'issue' END),
       CASE WHEN n % 10 = 0 THEN '{"data":{"event":{"exception":{"values":[{"stacktrace":{"frames":[{"filename":"app/x.py","lineno":' || n % 500 || ',"in_app":true}]}}]}}}}' ELSE '{}' END,
       (CASE WHEN n % 10 = 0 THEN 'skipped' WHEN n % 3 = 0 THEN 'deduplicated' ELSE 'created' END)::"DeliveryOutcome",
       (n % 50000)::text, now()
     FROM generate_series(1, $1::int) AS n`,
    [ROWS],
  );
  await pool.query("ANALYZE webhook_delivery");

  const measure = async (label: string) => {
    captured.length = 0;
    const frames = await findDeliveredFrames(db, "sentry", "12340");
    if (!frames?.frames.length) throw new Error("the seeded frames were not found");
    const statement = captured.at(-1)!;
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
    const started = performance.now();
    for (let lookup = 0; lookup < LOOKUPS; lookup++)
      await findDeliveredFrames(db, "sentry", String((lookup * 250) % 50000));
    const perLookup = (performance.now() - started) / LOOKUPS;
    const lines = plan.rows.map((row) => row["QUERY PLAN"] as string);
    return { label, perLookup, executionMs: lines.find((line) => line.startsWith("Execution Time"))!, lines };
  };

  await pool.query("DROP INDEX webhook_delivery_external_id_idx");
  const without = await measure("without webhook_delivery_external_id_idx");
  await pool.query(
    `CREATE INDEX webhook_delivery_external_id_idx ON webhook_delivery (source, external_id, received_at DESC)`,
  );
  await pool.query("ANALYZE webhook_delivery");
  const withIndex = await measure("with webhook_delivery_external_id_idx");

  console.log(`\nfindDeliveredFrames over ${ROWS.toLocaleString("en")} deliveries (${LOOKUPS} lookups each):`);
  for (const result of [without, withIndex])
    console.log(
      `  ${result.label.padEnd(44)} ${result.perLookup.toFixed(2).padStart(8)} ms per lookup   ${result.executionMs}`,
    );
  for (const result of [without, withIndex]) console.log(`\n-- ${result.label}\n${result.lines.join("\n")}`);
} finally {
  await db.$disconnect();
  await pool.end().catch(() => {});
  await database.drop();
}
