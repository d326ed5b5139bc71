// Webhook latency at a realistic arrival rate (`npm run bench:open-loop`; not a test). Senders like
// Sentry do not wait for one answer before the next error happens: deliveries arrive at a fixed rate
// whatever the latency. This measures the bare route's closed-loop capacity, then sends bare,
// duplicate and new-issue deliveries at 50 % and 80 % of it (autocannon's overallRate, corrected for
// coordinated omission), interleaved, and prints p50/p99 side by side.
// Target: p99 under Sentry's 1-second budget at 80 %. Flags: --duration <s> (10), --pool <n> (10).
import { createTestDatabase } from "../tests/support/database";
import { type AutocannonRequest, type AutocannonResult, runAutocannon } from "./lib/autocannon";
import { BARE_PATH, bareRequest, DUPLICATE_ID, DuplicateChecker, NewIssueLedger, postDelivery, type Scenario, SCENARIOS, waitForOutcomes } from "./lib/deliveries";
import { projectRoot, serverEnv, startBenchServer } from "./lib/server";
import { fmt, table } from "./lib/table";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const flag = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const duration = flag("duration", 10);
const poolMax = flag("pool", 10);
const LOADS = [0.5, 0.8];
const BUDGET_MS = 1000;

const database = await createTestDatabase("bench_open_loop");
const logDir = mkdtempSync(join(tmpdir(), "bench-open-loop-"));
const server = await startBenchServer({ dir: projectRoot, env: serverEnv(database.url, { poolMax, logLevel: "warn" }), logFile: join(logDir, "server.log") });
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
try {
  const seeded = await postDelivery(server.url, DUPLICATE_ID);
  if (seeded.status !== 200 || !seeded.body.issue) throw new Error(`seeding the duplicate answered ${seeded.status}`);
  const duplicates = new DuplicateChecker(seeded.body.issue.identifier);
  const ledger = new NewIssueLedger();
  const requestFor = (scenario: Scenario): AutocannonRequest =>
    scenario === "bare" ? bareRequest() : scenario === "duplicate" ? duplicates.request() : ledger.request();

  // Warm-up, then the ceiling: closed loop on the bare route with enough connections to saturate it.
  await runAutocannon({ url: server.url, connections: 50, duration: 3, requests: [bareRequest()] });
  const ceiling = await runAutocannon({ url: server.url, connections: 100, duration, requests: [bareRequest()] });
  const capacity = ceiling["2xx"] / ceiling.duration;
  console.log(`bare route (${BARE_PATH}) closed-loop capacity: ${fmt(capacity)} req/s (100 connections, p99 ${ceiling.latency.p99} ms)`);

  const rows: (string | number)[][] = [];
  const p99s = new Map<string, number>();
  for (const load of LOADS) {
    const rate = Math.max(1, Math.round(capacity * load));
    for (const scenario of SCENARIOS) {
      // Two requests per connection per second: a connection falls behind the rate only past 500 ms.
      const run = (seconds: number) =>
        runAutocannon({ url: server.url, connections: Math.min(1000, Math.max(10, Math.ceil(rate / 2))), overallRate: rate, duration: seconds, timeout: 10, requests: [requestFor(scenario)] });
      await run(2); // unmeasured: the same rate, so each measured run starts from its steady state
      await waitForOutcomes(pool);
      const result: AutocannonResult = await run(duration);
      await waitForOutcomes(pool);
      const achieved = result["2xx"] / result.duration;
      p99s.set(`${scenario}@${load}`, result.latency.p99);
      rows.push([`${load * 100}%`, scenario, rate, fmt(achieved), result.latency.p50, result.latency.p99, result.latency.max, result.non2xx, result.timeouts + result.errors]);
    }
  }
  console.log(`\nopen loop, ${duration} s per run, pool ${poolMax}, load average ${loadavg().map((value) => value.toFixed(1)).join(" ")} on ${cpus().length} CPUs`);
  console.log(table(["load", "scenario", "target req/s", "answered req/s", "p50 ms", "p99 ms", "max ms", "non-2xx", "errors+timeouts"], rows, 2));
  for (const load of LOADS) {
    const bare = p99s.get(`bare@${load}`)!;
    console.log(`at ${load * 100}%: p99 duplicate ${fmt(p99s.get(`duplicate@${load}`)! / bare, 2)}x bare, new-issue ${fmt(p99s.get(`new-issue@${load}`)! / bare, 2)}x bare`);
  }
  for (const scenario of ["duplicate", "new-issue"] as const) {
    const p99 = p99s.get(`${scenario}@0.8`)!;
    console.log(`${p99 < BUDGET_MS ? "PASS" : "FAIL"}: ${scenario} p99 at 80 % = ${p99} ms (target < ${BUDGET_MS} ms)`);
  }
  const lost = [...ledger.sent].filter((id) => !ledger.created.has(id) && !ledger.failed.has(id)).length;
  console.log(
    `checks: duplicates answered right ${duplicates.ok}, wrong ${duplicates.wrong}; new issues created ${ledger.created.size}, ` +
      `answered as duplicates ${ledger.unexpectedDuplicates.size}, failed ${ledger.failed.size}, still in flight when a run ended ${lost}`,
  );
} finally {
  await pool.end();
  await server.stop();
  await database.drop();
  rmSync(logDir, { recursive: true, force: true });
}
