// Where the time of one delivery goes, measured on sequential requests (one connection, so nothing
// overlaps and no process preempts another): SQL round trips counted by a proxy in front of
// PostgreSQL, and a V8 CPU profile of the server broken down by component. One server per scenario,
// so each profile holds one kind of request only.
import { join } from "node:path";
import pg from "pg";
import { createTestDatabase } from "../../tests/support/database";
import { type AutocannonRequest, runAutocannon } from "./autocannon";
import { cpuSnapshot, cpuUsage } from "./cpu";
import { findProfile, type ProfileSummary, summarizeProfile } from "./cpu-profile";
import {
  bareRequest,
  DUPLICATE_ID,
  DuplicateChecker,
  foreignDeliveries,
  NewIssueLedger,
  postDelivery,
  SCENARIOS,
  type Scenario,
  waitForOutcomes,
} from "./deliveries";
import type { BenchOptions, ServerConfig } from "./options";
import { PgCountingProxy, type ProxyStats } from "./pg-proxy";
import { measureQueryCosts, printQueryCosts } from "./query-costs";
import { serverEnv, startBenchServer } from "./server";
import { fmt, table } from "./table";

const PROFILE_CONFIG: ServerConfig = { poolMax: 10, logLevel: "warn" };
const WARMUP_CONNECTIONS = 10;

interface ScenarioProfile {
  scenario: Scenario;
  requests: number;
  meanLatencyMs: number;
  p50Ms: number;
  serverCpuPerRequest: number;
  postgresCpuPerRequest: number;
  sql: ProxyStats;
  /** Through the proxy again, at WARMUP_CONNECTIONS concurrent connections. */
  load: { rps: number; p99: number; requests: number; sql: ProxyStats };
  cpu: ProfileSummary | null;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export async function runProfile(options: BenchOptions, appDir: string, tmp: string): Promise<void> {
  console.log(
    `\n=== Profile (pool ${PROFILE_CONFIG.poolMax}, LOG_LEVEL=${PROFILE_CONFIG.logLevel}; PostgreSQL reached through a counting proxy) ===`,
  );
  const database = await createTestDatabase("bench_profile");
  const proxy = new PgCountingProxy();
  const proxyUrl = new URL(database.url);
  proxyUrl.hostname = "127.0.0.1";
  proxyUrl.port = String(await proxy.listen());
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const ledger = new NewIssueLedger();
  let duplicates: DuplicateChecker | undefined;
  const profiles: ScenarioProfile[] = [];
  try {
    for (const scenario of SCENARIOS) {
      const profileDir = join(tmp, `cpu-${scenario}`);
      const server = await startBenchServer({
        dir: appDir,
        env: serverEnv(proxyUrl.toString(), PROFILE_CONFIG),
        logFile: join(tmp, `profile-${scenario}.log`),
        nodeArgs: ["--cpu-prof", "--cpu-prof-interval=250", `--cpu-prof-dir=${profileDir}`],
      });
      let from = 0;
      let to = 0;
      let profile: Omit<ScenarioProfile, "cpu">;
      try {
        if (!duplicates) {
          const seed = await postDelivery(server.url, DUPLICATE_ID);
          if (seed.status !== 200 || !seed.body.issue) throw new Error(`seeding the duplicate failed: ${seed.status}`);
          duplicates = new DuplicateChecker(seed.body.issue.identifier);
        }
        const request: AutocannonRequest =
          scenario === "bare" ? bareRequest() : scenario === "duplicate" ? duplicates.request() : ledger.request();
        await runAutocannon({
          url: server.url,
          connections: WARMUP_CONNECTIONS,
          duration: Math.max(2, options.warmup),
          requests: [request],
        });
        await waitForOutcomes(db);

        proxy.take();
        from = nowUs();
        const before = cpuSnapshot(server.pid);
        const sequential = await runAutocannon({
          url: server.url,
          connections: 1,
          amount: options.profileRequests,
          requests: [request],
        });
        const after = cpuSnapshot(server.pid);
        to = nowUs();
        const sql = proxy.take();
        const requests = sequential["2xx"] + sequential.non2xx;
        const usage = cpuUsage(before, after, requests);
        await waitForOutcomes(db);
        proxy.take();
        const loaded = await runAutocannon({
          url: server.url,
          connections: WARMUP_CONNECTIONS,
          duration: Math.min(5, options.duration),
          requests: [request],
        });
        const loadedRequests = loaded["2xx"] + loaded.non2xx;
        const load = {
          rps: loadedRequests / loaded.duration,
          p99: loaded.latency.p99,
          requests: loadedRequests,
          sql: proxy.take(),
        };
        profile = {
          scenario,
          load,
          requests,
          meanLatencyMs: sequential.latency.mean,
          p50Ms: sequential.latency.p50,
          serverCpuPerRequest: usage.serverPerRequest,
          postgresCpuPerRequest: usage.postgresPerRequest,
          sql,
        };
        await waitForOutcomes(db);
      } finally {
        await server.stop(); // writes the .cpuprofile
      }
      const file = findProfile(profileDir);
      profiles.push({ ...profile, cpu: file ? summarizeProfile(file, from, to) : null });
      console.log(`  ${scenario}: profiled`);
    }
    printProfiles(profiles);

    if (duplicates) await measureLogging(options, appDir, tmp, database.url, db, ledger, duplicates);

    printQueryCosts(
      await measureQueryCosts(database.url, proxyUrl.toString(), proxy, options.profileRequests),
      options.profileRequests,
    );
    const [integrity] = (
      await db.query<{ issues: number; links: number; max: number; counter: number }>(
        `SELECT (SELECT count(*)::int FROM issue) AS issues, (SELECT count(*)::int FROM external_issue) AS links,
                (SELECT max(number) FROM issue) AS max, (SELECT max(issue_counter) FROM project) AS counter`,
      )
    ).rows;
    console.log(
      `  profile database afterwards: ${integrity?.issues} issues, ${integrity?.links} external links, numbers up to ${integrity?.max}, counter ${integrity?.counter}` +
        (integrity &&
        integrity.issues === integrity.links &&
        integrity.max === integrity.issues &&
        integrity.counter === integrity.issues
          ? " (consistent, gapless)"
          : " (INCONSISTENT)"),
    );
    const foreign = await foreignDeliveries(db);
    if (foreign.count > 0)
      console.log(
        `\nWARNING: ${foreign.count} deliveries reached the profiled servers from another process (${foreign.userAgents}); the profile is disturbed.`,
      );
  } finally {
    await db.end().catch(() => {});
    await proxy.close();
    await database.drop().catch((error: unknown) => console.warn(`could not drop ${database.name}: ${String(error)}`));
  }
}

/**
 * LOG_LEVEL=info against warn on sequential requests: throughput runs on a shared machine are too
 * noisy for a difference of this size, CPU per request on one connection is not.
 */
async function measureLogging(
  options: BenchOptions,
  appDir: string,
  tmp: string,
  databaseUrl: string,
  db: pg.Pool,
  ledger: NewIssueLedger,
  duplicates: DuplicateChecker,
): Promise<void> {
  const scenarios: { scenario: Scenario; request: AutocannonRequest }[] = [
    { scenario: "bare", request: bareRequest() },
    { scenario: "duplicate", request: duplicates.request() },
    { scenario: "new-issue", request: ledger.request() },
  ];
  const results = new Map<string, { cpu: number; pgCpu: number; mean: number; logBytes: number }>();
  for (const logLevel of ["warn", "info"] as const) {
    const server = await startBenchServer({
      dir: appDir,
      env: serverEnv(databaseUrl, { poolMax: PROFILE_CONFIG.poolMax, logLevel }),
      logFile: join(tmp, `logging-${logLevel}.log`),
    });
    try {
      for (const { scenario, request } of scenarios) {
        await runAutocannon({
          url: server.url,
          connections: WARMUP_CONNECTIONS,
          duration: Math.max(2, options.warmup),
          requests: [request],
        });
        await waitForOutcomes(db);
        const logBefore = server.logBytes();
        const before = cpuSnapshot(server.pid);
        const run = await runAutocannon({
          url: server.url,
          connections: 1,
          amount: options.profileRequests,
          requests: [request],
        });
        const after = cpuSnapshot(server.pid);
        const requests = run["2xx"] + run.non2xx;
        const usage = cpuUsage(before, after, requests);
        results.set(`${scenario}/${logLevel}`, {
          cpu: usage.serverPerRequest,
          pgCpu: usage.postgresPerRequest,
          mean: run.latency.mean,
          logBytes: (server.logBytes() - logBefore) / Math.max(1, requests),
        });
        await waitForOutcomes(db);
      }
    } finally {
      await server.stop();
    }
  }
  console.log(
    `\nLOG_LEVEL=info vs warn on sequential requests (1 connection, ${options.profileRequests} each, no proxy, no profiler):`,
  );
  console.log(
    table(
      ["scenario", "srv cpu ms/req warn", "info", "change", "mean ms warn", "info", "log bytes/req at info"],
      scenarios.map(({ scenario }) => {
        const warn = results.get(`${scenario}/warn`)!;
        const info = results.get(`${scenario}/info`)!;
        return [
          scenario,
          fmt(warn.cpu, 2),
          fmt(info.cpu, 2),
          `${info.cpu >= warn.cpu ? "+" : ""}${fmt(info.cpu - warn.cpu, 2)} ms (${fmt((100 * (info.cpu - warn.cpu)) / warn.cpu, 0)}%)`,
          fmt(warn.mean, 2),
          fmt(info.mean, 2),
          fmt(info.logBytes),
        ];
      }),
    ),
  );
}

function printProfiles(profiles: ScenarioProfile[]): void {
  console.log(`\nSequential requests (1 connection) — latency vs time waiting for PostgreSQL (incl. the proxy hop):`);
  console.log(
    table(
      [
        "scenario",
        "requests",
        "mean ms",
        "p50 ms",
        "SQL round trips/req",
        "SQL wait ms/req",
        "rest ms/req",
        "srv cpu ms/req",
        "pg cpu ms/req",
        "pool conns opened",
      ],
      profiles.map((p) => {
        const perRequest = (value: number) => (p.requests > 0 ? value / p.requests : 0);
        return [
          p.scenario,
          p.requests,
          fmt(p.meanLatencyMs, 2),
          p.p50Ms,
          fmt(perRequest(p.sql.roundTrips), 2),
          fmt(perRequest(p.sql.ms), 2),
          fmt(p.meanLatencyMs - perRequest(p.sql.ms), 2),
          fmt(p.serverCpuPerRequest, 2),
          fmt(p.postgresCpuPerRequest, 2),
          p.sql.connections,
        ];
      }),
    ),
  );

  for (const p of profiles) {
    if (p.sql.roundTrips === 0 || p.requests === 0) continue;
    console.log(
      `\nSQL round trips per ${p.scenario} delivery (statements sent in one round trip are joined with ' ; '):`,
    );
    const rows = [...p.sql.byStatement.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([statement, stats]) => [fmt(stats.count / p.requests, 2), fmt(stats.ms / stats.count, 2), statement]);
    console.log(table(["per req", "avg ms", "statement"], rows, 0, [2]));
  }

  for (const p of profiles) {
    const { load } = p;
    if (load.sql.roundTrips === 0 || load.requests === 0) continue;
    const per = (value: number) => value / load.requests;
    const avg = (stats: { count: number; ms: number }) => (stats.count > 0 ? fmt(stats.ms / stats.count, 1) : "-");
    console.log(
      `\n${p.scenario} under load (${WARMUP_CONNECTIONS} connections): ${fmt(load.rps)} req/s, p99 ${load.p99} ms; SQL wait ${fmt(per(load.sql.ms), 1)} ms/req; ` +
        `transactions ${avg(load.sql.transactions)} ms avg (BEGIN..COMMIT); project counter row locked ${avg(load.sql.counterLockHeld)} ms avg per issue`,
    );
    const rows = [...load.sql.byStatement.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 6)
      .map(([statement, stats]) => [fmt(stats.ms / stats.count, 2), fmt(per(stats.ms), 2), statement]);
    console.log(table(["avg ms", "ms/req", "statement (slowest first by total time)"], rows, 0, [2]));
  }

  const withCpu = profiles.filter((p) => p.cpu && p.requests > 0);
  if (withCpu.length === 0) return;
  console.log(`\nServer CPU per request by component (V8 profile self time over the same sequential requests), ms:`);
  const components = new Map<string, number>();
  for (const p of withCpu)
    for (const [name, ms] of p.cpu!.byComponent)
      components.set(name, Math.max(components.get(name) ?? 0, ms / p.requests));
  const ordered = [...components.entries()]
    .filter(([, ms]) => ms >= 0.02)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name);
  const rows = ordered.map((name) => [
    name,
    ...withCpu.map((p) => fmt((p.cpu!.byComponent.get(name) ?? 0) / p.requests, 2)),
  ]);
  const shown = (p: ScenarioProfile) => ordered.reduce((sum, name) => sum + (p.cpu!.byComponent.get(name) ?? 0), 0);
  rows.push(["(smaller items)", ...withCpu.map((p) => fmt((p.cpu!.busyMs - shown(p)) / p.requests, 2))]);
  rows.push(["total in profile (non-idle)", ...withCpu.map((p) => fmt(p.cpu!.busyMs / p.requests, 2))]);
  rows.push(["server CPU from /proc", ...withCpu.map((p) => fmt(p.serverCpuPerRequest, 2))]);
  console.log(table(["component", ...withCpu.map((p) => p.scenario)], rows, 1));

  for (const p of withCpu) {
    if (p.scenario === "bare") continue;
    console.log(`\nTop functions by self time, ${p.scenario} (ms per request):`);
    const top = [...p.cpu!.byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log(
      table(
        ["ms/req", "component | function (source)"],
        top.map(([name, ms]) => [fmt(ms / p.requests, 3), name]),
        0,
        [1],
      ),
    );
  }
}
