// How long a storm of new errors takes to correlate: N distinct Sentry issues arrive as signed
// webhooks at the real server, whose worker correlates each against a local GitHub REST server (with
// a per-request latency like the real one's) holding a realistic history. Runs the same storm with
// one job at a time (the old worker) and with JOBS_CONCURRENCY slots, side by side.
// Run: npm run bench:correlation [-- --errors 200 --latency 50 --concurrency 5]
import { startTestApp } from "../tests/support/app";
import { startFakeGitHub } from "../tests/support/fake-github";
import { generateScenario } from "../tests/support/generate-history";
import { postErrorStorm, waitForCorrelations } from "./lib/error-storm";
import { fmt, table } from "./lib/table";

const flag = (name: string, fallback: number) =>
  Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const errors = flag("errors", 200);
const latencyMs = flag("latency", 50);
const concurrency = flag("concurrency", 5);

interface Result {
  label: string;
  answeredMs: number;
  totalMs: number;
  failed: number;
  requests: number;
  jobsRunTwice: number;
}

async function storm(label: string, env: Record<string, string>): Promise<Result> {
  const scenario = generateScenario(7, true);
  const github = await startFakeGitHub();
  github.setRepo("acme/web", scenario.repo);
  github.setLatency(latencyMs);
  const app = await startTestApp("bench_correlation", {
    GITHUB_TOKEN: "bench-token",
    GITHUB_REPO: "acme/web",
    GITHUB_API_URL: github.url,
    LOG_LEVEL: "warn",
    ...env,
  });
  try {
    const started = Date.now();
    await postErrorStorm(app.url, scenario, errors);
    const answeredMs = Date.now() - started;
    await waitForCorrelations(app.db, errors, started);
    const totalMs = Date.now() - started;
    const [twice] = await app.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT issue_id FROM activity WHERE action = 'correlated' GROUP BY issue_id HAVING count(*) > 1) AS repeated`,
    );
    return {
      label,
      answeredMs,
      totalMs,
      failed: await app.db.activity.count({ where: { action: "job_failed" } }),
      requests: github.log.length,
      jobsRunTwice: twice?.n ?? 0,
    };
  } finally {
    await app.stop();
    await github.close();
  }
}

// Polling as the worker does by default (2 s); with one slot that is the worker before concurrency.
const results = [
  await storm("1 job at a time", { JOBS_CONCURRENCY: "1" }),
  await storm(`JOBS_CONCURRENCY=${concurrency}`, { JOBS_CONCURRENCY: String(concurrency) }),
];
console.log(`\n${errors} distinct new errors, one repository, GitHub answering in ${latencyMs} ms`);
console.log(
  table(
    [
      "worker",
      "webhooks answered ms",
      "all correlated ms",
      "correlations/s",
      "GitHub requests",
      "failed",
      "issues correlated twice",
    ],
    results.map((result) => [
      result.label,
      result.answeredMs,
      result.totalMs,
      fmt((errors * 1000) / result.totalMs, 1),
      result.requests,
      result.failed,
      result.jobsRunTwice,
    ]),
  ),
);
console.log(
  `speed-up: ${fmt(results[0]!.totalMs / results[1]!.totalMs, 1)}x; target: a 200-error storm correlated in well under a minute, each issue once`,
);
