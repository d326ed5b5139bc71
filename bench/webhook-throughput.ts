// Webhook ingestion throughput, measured on demand (`npm run bench`; not a test): new-issue and
// duplicate Sentry deliveries against a bare route handler, the framework's ceiling, each at several
// concurrencies, on the real built server over a fresh database. Prints numbers, targets and checks;
// always exits 0 unless the benchmark itself could not run. See bench/README.md.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../tests/support/database";
import { type AutocannonRequest, type AutocannonResult, runAutocannon } from "./lib/autocannon";
import { type CpuUsage, cpuSnapshot, cpuUsage, waitForQuiet } from "./lib/cpu";
import {
  BARE_PATH,
  BODY_BYTES,
  bareRequest,
  DUPLICATE_ID,
  DuplicateChecker,
  foreignDeliveries,
  NewIssueLedger,
  postDelivery,
  SCENARIOS,
  type Scenario,
  waitForOutcomes,
} from "./lib/deliveries";
import { type BenchOptions, parseOptions, type ServerConfig } from "./lib/options";
import { runProfile } from "./lib/profile";
import { type BenchServer, buildRunning, serverEnv, snapshotBuild, startBenchServer } from "./lib/server";
import { fmt, pct, table } from "./lib/table";

interface Run {
  scenario: Scenario;
  connections: number;
  /** req/s of every repetition of this cell (this run is the median one). */
  rpsAll: number[];
  result: AutocannonResult;
  responses: number;
  rps: number;
  failures: number;
  cpu: CpuUsage;
  logBytesPerRequest: number;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface ConfigResult {
  config: ServerConfig;
  /** Which build (see Target), "" when only one is measured. */
  label: string;
  runs: Run[];
  checks: Check[];
  issuesCreated: number;
}

const configName = (config: ServerConfig, label = "") =>
  `${label ? `${label}, ` : ""}pool ${config.poolMax}, LOG_LEVEL=${config.logLevel}`;

async function measure(
  server: BenchServer,
  db: pg.Pool,
  options: BenchOptions,
  scenario: Scenario,
  connections: number,
  request: AutocannonRequest,
  label = "",
): Promise<Run> {
  if (options.quietWait > 0) {
    const quiet = await waitForQuiet(options.quietWait * 1000);
    if (quiet.waitedMs > 1_500) {
      console.log(
        `  (waited ${fmt(quiet.waitedMs / 1000)} s for other work on the machine; busy ${fmt(quiet.busyPercent)}% before the run)`,
      );
    }
  }
  if (options.warmup > 0) {
    await runAutocannon({ url: server.url, connections, duration: options.warmup, requests: [request] });
    await waitForOutcomes(db);
  }
  const logBefore = server.logBytes();
  const buildBefore = buildRunning();
  const before = cpuSnapshot(server.pid);
  const result = await runAutocannon({ url: server.url, connections, duration: options.duration, requests: [request] });
  const after = cpuSnapshot(server.pid);
  if (buildBefore || buildRunning())
    console.log("  (a `next build` ran in this checkout during this run: its numbers are disturbed)");
  await waitForOutcomes(db);
  const responses = result["2xx"] + result.non2xx;
  const run: Run = {
    scenario,
    connections,
    rpsAll: [],
    result,
    responses,
    rps: responses / result.duration,
    failures: result.non2xx + result.errors, // autocannon's errors include its timeouts
    cpu: cpuUsage(before, after, responses),
    logBytesPerRequest: responses > 0 ? (server.logBytes() - logBefore) / responses : 0,
  };
  console.log(
    `  ${label ? `${label.padEnd(10)} ` : ""}${scenario.padEnd(9)} c=${String(connections).padStart(3)}: ${fmt(run.rps)} req/s, p99 ${result.latency.p99} ms, ` +
      `${run.failures} failures`,
  );
  return run;
}

async function verify(
  db: pg.Pool,
  ledger: NewIssueLedger,
  duplicates: DuplicateChecker,
  seeded: string,
): Promise<{ checks: Check[]; issuesCreated: number }> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const links = (
    await db.query<{ external_id: string; identifier: string }>(
      `SELECT e.external_id, i.identifier FROM external_issue e JOIN issue i ON i.id = e.issue_id WHERE e.source = 'sentry'`,
    )
  ).rows;
  const [{ issues, linked_issues }] = (
    await db.query<{ issues: number; linked_issues: number }>(
      `SELECT (SELECT count(*)::int FROM issue) AS issues, (SELECT count(DISTINCT issue_id)::int FROM external_issue) AS linked_issues`,
    )
  ).rows as [{ issues: number; linked_issues: number }];
  const inDb = new Map(
    links.filter((link) => link.external_id !== DUPLICATE_ID).map((link) => [link.external_id, link.identifier]),
  );
  const issuesCreated = inDb.size;

  const answered = ledger.created;
  const lost = [...answered].filter(([id, identifier]) => inDb.get(id) !== identifier);
  const unanswered = [...inDb.keys()].filter((id) => !answered.has(id));
  const foreign = unanswered.filter((id) => !ledger.sent.has(id));
  const answeredIdentifiers = new Set(answered.values());
  const failedButStored = [...ledger.failed.keys()].filter((id) => inDb.has(id));

  check(
    "issues = distinct ids answered 200",
    lost.length === 0 && foreign.length === 0 && issuesCreated === answered.size + unanswered.length,
    `${issuesCreated} issues from new-issue deliveries; ${answered.size} distinct ids answered 200 "created"` +
      (unanswered.length > 0
        ? ` + ${unanswered.length} created whose answer was cut off when a run stopped (in flight)`
        : "") +
      `; lost (answered 200 but missing/different in DB): ${lost.length}; unknown ids in DB: ${foreign.length}`,
  );
  check(
    "no duplicates",
    answeredIdentifiers.size === answered.size &&
      ledger.unexpectedDuplicates.size === 0 &&
      linked_issues === issues &&
      links.length === issues,
    `${answeredIdentifiers.size} distinct identifiers for ${answered.size} ids; ${ledger.unexpectedDuplicates.size} new ids answered "deduplicated"; ` +
      `${issues} issue rows, ${links.length} external links, ${linked_issues} linked issues`,
  );
  check(
    "failed deliveries left nothing behind",
    failedButStored.length === 0,
    `${ledger.failed.size} new-issue deliveries answered non-2xx` +
      (ledger.failed.size > 0
        ? ` (${[...countBy(ledger.failed.values())].map(([status, n]) => `${n} x ${status}`).join(", ")})`
        : "") +
      `, ${failedButStored.length} of them have an issue; ${ledger.unreadable} answers without an id`,
  );
  check(
    "duplicate deliveries",
    duplicates.wrong === 0,
    `${duplicates.ok} answered "deduplicated" as ${seeded}, ${duplicates.wrong} otherwise`,
  );

  const projects = (
    await db.query<{
      key: string;
      counter: number;
      n: number;
      min: number | null;
      max: number | null;
      distinct_numbers: number;
    }>(
      `SELECT p.key, p.issue_counter AS counter, count(i.id)::int AS n, min(i.number) AS min, max(i.number) AS max,
              count(DISTINCT i.number)::int AS distinct_numbers
         FROM project p LEFT JOIN issue i ON i.project_id = p.id GROUP BY p.id`,
    )
  ).rows;
  const gapless = projects.every(
    (p) => p.n === 0 || (p.min === 1 && p.max === p.n && p.distinct_numbers === p.n && p.counter === p.n),
  );
  check(
    "identifiers gapless",
    gapless,
    projects
      .map((p) => `${p.key}: ${p.n} issues numbered ${p.min ?? "-"}..${p.max ?? "-"}, counter ${p.counter}`)
      .join("; "),
  );

  const failures = (
    await db.query<{ reason: string | null; n: number }>(
      `SELECT reason, count(*)::int AS n FROM webhook_delivery WHERE outcome IN ('failed', 'rejected') GROUP BY reason ORDER BY n DESC LIMIT 5`,
    )
  ).rows;
  const intruders = await foreignDeliveries(db);
  check(
    "no deliveries from other processes",
    intruders.count === 0,
    intruders.count === 0
      ? "all deliveries came from this benchmark"
      : `${intruders.count} deliveries were not sent by the benchmark (${intruders.userAgents}): numbers are disturbed`,
  );
  const outcomes = (
    await db.query<{ outcome: string; n: number }>(
      `SELECT outcome, count(*)::int AS n FROM webhook_delivery GROUP BY outcome ORDER BY outcome`,
    )
  ).rows;
  const pending = outcomes.find((o) => o.outcome === "received")?.n ?? 0;
  check(
    "every delivery has an outcome",
    pending === 0,
    outcomes.map((o) => `${o.outcome} ${o.n}`).join(", ") +
      failures
        .map(
          (f) => `\n         ${f.n} failed/rejected: ${(f.reason ?? "(no reason)").replace(/\s+/g, " ").slice(0, 240)}`,
        )
        .join(""),
  );
  return { checks, issuesCreated };
}

/** One build under test: its server on a fresh database, and what its deliveries were answered. */
interface Target {
  /** "" for this checkout's build when nothing is compared, else "this build" or "baseline". */
  label: string;
  database: TestDatabase;
  server: BenchServer;
  db: pg.Pool;
  ledger: NewIssueLedger;
  duplicates: DuplicateChecker;
  seeded: string;
  requests: Record<Scenario, AutocannonRequest>;
}

async function startTarget(
  label: string,
  appDir: string,
  config: ServerConfig,
  tmp: string,
  targets: Partial<Target>[],
): Promise<Target> {
  const target: Partial<Target> = { label };
  targets.push(target); // stopped by the caller, even when this fails halfway
  target.database = await createTestDatabase("bench");
  const logFile = join(tmp, `server-${label.replace(/\W+/g, "-") || "app"}-${config.poolMax}-${config.logLevel}.log`);
  const server = (target.server = await startBenchServer({
    dir: appDir,
    env: serverEnv(target.database.url, config),
    logFile,
  }));
  target.db = new pg.Pool({ connectionString: target.database.url, max: 2 });

  const bare = await fetch(`${server.url}${BARE_PATH}`, { method: "POST", body: "{}" });
  if (bare.status !== 200)
    throw new Error(`${BARE_PATH} answered ${bare.status}: is BENCH_BARE_ROUTE honoured by this build (${appDir})?`);
  const seed = await postDelivery(server.url, DUPLICATE_ID);
  const seeded = seed.body.issue?.identifier;
  if (seed.status !== 200 || !seeded)
    throw new Error(`seeding the duplicate failed: ${seed.status} ${JSON.stringify(seed.body)}\n${server.logTail()}`);
  const ledger = new NewIssueLedger();
  const duplicates = new DuplicateChecker(seeded);
  Object.assign(target, {
    ledger,
    duplicates,
    seeded,
    requests: { bare: bareRequest(), duplicate: duplicates.request(), "new-issue": ledger.request() },
  });
  return target as Target;
}

async function stopTarget(target: Partial<Target>): Promise<void> {
  await target.db?.end().catch(() => {});
  await target.server?.stop().catch(() => {});
  await target.database
    ?.drop()
    .catch((error: unknown) => console.warn(`could not drop ${target.database?.name}: ${String(error)}`));
}

/** Runs every scenario on each build (with a baseline: this build and the baseline, turn about); one result per build. */
async function runConfig(
  config: ServerConfig,
  options: BenchOptions,
  builds: { label: string; appDir: string }[],
  tmp: string,
): Promise<ConfigResult[]> {
  console.log(`\n=== ${configName(config)} ===`);
  const started: Partial<Target>[] = [];
  try {
    const targets: Target[] = [];
    for (const build of builds) targets.push(await startTarget(build.label, build.appDir, config, tmp, started));
    const runs = new Map<Target, Run[]>(targets.map((target) => [target, []]));
    for (const connections of options.connections) {
      // Repetitions interleave the scenarios (and the builds), so that a burst of other work on the
      // machine does not land on one of them only; the median run of each cell is reported.
      const cells = new Map<string, Run[]>();
      for (let repetition = 0; repetition < options.repeat; repetition++) {
        for (const scenario of SCENARIOS) {
          // Turn about: the builds swap places every repetition, so neither always runs first.
          for (const target of repetition % 2 === 0 ? targets : [...targets].reverse()) {
            const run = await measure(
              target.server,
              target.db,
              options,
              scenario,
              connections,
              target.requests[scenario],
              target.label,
            );
            cells.set(`${target.label}/${scenario}`, [...(cells.get(`${target.label}/${scenario}`) ?? []), run]);
          }
        }
      }
      for (const target of targets) {
        for (const scenario of SCENARIOS) {
          const cell = cells.get(`${target.label}/${scenario}`)!;
          const median = [...cell].sort((a, b) => a.rps - b.rps)[Math.floor((cell.length - 1) / 2)]!;
          runs.get(target)!.push({ ...median, rpsAll: cell.map((run) => run.rps) });
        }
      }
    }
    const results: ConfigResult[] = [];
    for (const target of targets) {
      const { checks, issuesCreated } = await verify(target.db, target.ledger, target.duplicates, target.seeded);
      const result = { config, label: target.label, runs: runs.get(target)!, checks, issuesCreated };
      printConfig(result, options);
      results.push(result);
    }
    if (results.length === 2) printComparison(results[0]!, results[1]!, options);
    return results;
  } finally {
    for (const target of started) await stopTarget(target);
  }
}

/** This build against the baseline, cell by cell: throughput, server CPU per request (robust to interference), p99. */
function printComparison(current: ConfigResult, baseline: ConfigResult, options: BenchOptions): void {
  console.log(
    `\n--- This build vs baseline (${configName(current.config)}; req/s of the median runs, interleaved) ---`,
  );
  const change = (now: number, before: number) =>
    `${now >= before ? "+" : ""}${fmt((100 * (now - before)) / before, 1)}%`;
  const rows = pairedRows(baseline, current, options, (scenario, connections, b, a) => [
    scenario,
    String(connections),
    `${fmt(b.rps)} -> ${fmt(a.rps)}`,
    change(a.rps, b.rps),
    `${fmt(b.cpu.serverPerRequest, 2)} -> ${fmt(a.cpu.serverPerRequest, 2)}`,
    change(a.cpu.serverPerRequest, b.cpu.serverPerRequest),
    `${fmt(b.cpu.postgresPerRequest, 2)} -> ${fmt(a.cpu.postgresPerRequest, 2)}`,
    `${b.result.latency.p99} -> ${a.result.latency.p99}`,
    `${b.failures} -> ${a.failures}`,
  ]);
  console.log(
    table(
      ["scenario", "conns", "req/s", "change", "srv cpu ms/req", "change", "pg cpu ms/req", "p99 ms", "failures"],
      rows,
      1,
    ),
  );
}

function countBy<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** One table row per scenario and connection count that both results measured. */
function pairedRows(
  first: ConfigResult,
  second: ConfigResult,
  options: BenchOptions,
  row: (scenario: Scenario, connections: number, first: Run, second: Run) => string[],
): string[][] {
  return options.connections.flatMap((connections) =>
    SCENARIOS.flatMap((scenario) => {
      const a = find(first.runs, scenario, connections);
      const b = find(second.runs, scenario, connections);
      return a && b ? [row(scenario, connections, a, b)] : [];
    }),
  );
}

function find(runs: Run[], scenario: Scenario, connections: number): Run | undefined {
  return runs.find((run) => run.scenario === scenario && run.connections === connections);
}

function printConfig({ config, label, runs, checks, issuesCreated }: ConfigResult, options: BenchOptions): void {
  console.log(
    `\n--- Results: ${configName(config, label)} (${options.duration} s per run, ${options.warmup} s warm-up, ${BODY_BYTES}-byte body${options.repeat > 1 ? `, median of ${options.repeat} interleaved runs` : ""}) ---`,
  );
  console.log(
    table(
      [
        "scenario",
        "conns",
        "req/s",
        ...(options.repeat > 1 ? ["req/s of runs"] : []),
        "p50 ms",
        "p99 ms",
        "max ms",
        "non-2xx",
        "errors",
        "timeouts",
        "srv cpu ms/req",
        "pg cpu ms/req",
        "loadgen cpu ms/req",
        "busy %",
        "other %",
        "log B/req",
      ],
      runs.map((run) => [
        run.scenario,
        run.connections,
        fmt(run.rps),
        ...(options.repeat > 1 ? [run.rpsAll.map((rps) => fmt(rps)).join("/")] : []),
        run.result.latency.p50,
        run.result.latency.p99,
        run.result.latency.max,
        run.result.non2xx,
        run.result.errors - run.result.timeouts,
        run.result.timeouts,
        fmt(run.cpu.serverPerRequest, 2),
        fmt(run.cpu.postgresPerRequest, 2),
        fmt(run.cpu.loadGeneratorPerRequest, 2),
        fmt(run.cpu.machineBusyPercent),
        fmt(run.cpu.otherPercent),
        fmt(run.logBytesPerRequest),
      ]),
    ),
  );

  console.log(`\nTargets (${configName(config, label)}):`);
  const rows: string[][] = [];
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  for (const connections of options.connections) {
    const bare = find(runs, "bare", connections);
    if (!bare) continue;
    for (const [scenario, target] of [
      ["duplicate", 0.7],
      ["new-issue", 0.4],
    ] as const) {
      const run = find(runs, scenario, connections);
      if (!run) continue;
      const ratio = run.rps / bare.rps;
      const byCpu = bare.cpu.serverPerRequest / run.cpu.serverPerRequest;
      rows.push([
        `${scenario} rps / bare rps`,
        String(connections),
        `${fmt(run.rps)} / ${fmt(bare.rps)} = ${pct(ratio)}`,
        `>= ${pct(target)}`,
        verdict(ratio >= target),
        `${fmt(bare.cpu.serverPerRequest, 2)} / ${fmt(run.cpu.serverPerRequest, 2)} = ${pct(byCpu)}`,
      ]);
    }
  }
  const low = Math.min(...options.connections);
  const high = Math.max(...options.connections);
  const bareLow = find(runs, "bare", low);
  if (bareLow) {
    for (const scenario of ["duplicate", "new-issue"] as const) {
      const run = find(runs, scenario, low);
      if (!run) continue;
      const limit = 2 * bareLow.result.latency.p99;
      rows.push([
        `${scenario} p99 vs 2x bare p99`,
        String(low),
        `${run.result.latency.p99} ms vs ${limit} ms`,
        `<= ${limit} ms`,
        verdict(run.result.latency.p99 <= limit),
      ]);
    }
  }
  if (high !== low) {
    for (const scenario of SCENARIOS) {
      const run = find(runs, scenario, high);
      if (!run) continue;
      const ok = run.failures === 0 && run.result.latency.p99 < 1000;
      rows.push([
        `${scenario}: no failures, p99 < 1000 ms`,
        String(high),
        `${run.failures} failures, p99 ${run.result.latency.p99} ms`,
        "0, < 1000 ms",
        verdict(ok),
      ]);
    }
  }
  console.log(table(["target", "conns", "measured", "wanted", "result", "bare cpu/req ÷ scenario cpu/req"], rows, 1));
  console.log(
    "  (the last column is the throughput ratio to expect when server CPU is the limit; interference hardly moves it)",
  );

  console.log(`\nIntegrity (${configName(config, label)}): ${issuesCreated} issues created by new-issue deliveries`);
  for (const c of checks) console.log(`  ${c.ok ? "OK  " : "FAIL"} ${c.name}: ${c.detail}`);
}

function printSummary(results: ConfigResult[], options: BenchOptions): void {
  if (results.length < 2) return;
  console.log("\n=== Side by side: req/s (p99 ms) per server configuration ===");
  const header = ["scenario", "conns", ...results.map((r) => configName(r.config, r.label))];
  const rows: string[][] = [];
  for (const connections of options.connections) {
    for (const scenario of SCENARIOS) {
      rows.push([
        scenario,
        String(connections),
        ...results.map((r) => {
          const run = find(r.runs, scenario, connections);
          return run ? `${fmt(run.rps)} (${run.result.latency.p99})` : "-";
        }),
      ]);
    }
  }
  console.log(table(header, rows, 1));

  for (const info of results.filter((r) => r.config.logLevel === "info")) {
    const warn = results.find(
      (r) => r.config.logLevel === "warn" && r.config.poolMax === info.config.poolMax && r.label === info.label,
    );
    if (!warn) continue;
    console.log(`\n=== LOG_LEVEL=info vs warn (${info.label ? `${info.label}, ` : ""}pool ${info.config.poolMax}) ===`);
    const logRows = pairedRows(warn, info, options, (scenario, connections, a, b) => [
      scenario,
      String(connections),
      fmt(a.rps),
      fmt(b.rps),
      `${fmt((100 * (b.rps - a.rps)) / a.rps, 1)}%`,
      `${a.result.latency.p99} -> ${b.result.latency.p99}`,
      `${fmt(a.cpu.serverPerRequest, 2)} -> ${fmt(b.cpu.serverPerRequest, 2)}`,
      fmt(b.logBytesPerRequest),
    ]);
    console.log(
      table(
        ["scenario", "conns", "warn req/s", "info req/s", "change", "p99 ms", "srv cpu ms/req", "info log B/req"],
        logRows,
        1,
      ),
    );
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  console.log("Webhook ingestion benchmark");
  console.log(
    `  machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; node ${process.version}`,
  );
  console.log(
    "  NOTE: the load generator (autocannon, this process), the Next.js server and PostgreSQL share these cores;",
  );
  console.log("        'loadgen cpu' and 'other %' columns show what the generator and unrelated work took.");
  console.log(
    `  runs: ${options.duration} s measured after ${options.warmup} s warm-up; connections ${options.connections.join(", ")}; ` +
      `configs ${options.configs.map((c) => `${c.poolMax}/${c.logLevel}`).join(", ")}; body ${BODY_BYTES} bytes` +
      (options.repeat > 1 ? `; ${options.repeat} interleaved runs per cell` : ""),
  );
  const tmp = mkdtempSync(join(tmpdir(), "webhook-bench-"));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  process.once("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const appDir = await snapshotBuild(tmp, options.appDir);
    if (options.appDir) console.log(`  benchmarking the build in ${options.appDir}`);
    const builds = [{ label: options.baselineDir ? "this build" : "", appDir }];
    if (options.baselineDir) {
      builds.push({ label: "baseline", appDir: await snapshotBuild(tmp, options.baselineDir, "baseline") });
      console.log(`  baseline: the build in ${options.baselineDir}, run turn about with this one`);
    }
    const results: ConfigResult[] = [];
    for (const config of options.configs) results.push(...(await runConfig(config, options, builds, tmp)));
    printSummary(results, options);
    if (options.profile) await runProfile(options, appDir, tmp);
  } finally {
    cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
