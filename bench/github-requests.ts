// How many GitHub requests a storm of new errors costs. 200 distinct Sentry issues for one repository
// arrive as signed webhooks at the real server; its worker correlates each against a local GitHub
// REST server holding a realistic history (tests/support/generate-history.ts). Prints requests per
// error, by endpoint, and how many were free 304s. Run: npm run bench:github [-- --errors 200]
import { startTestApp } from "../tests/support/app";
import { startFakeGitHub } from "../tests/support/fake-github";
import { generateScenario } from "../tests/support/generate-history";
import { postErrorStorm, waitForCorrelations } from "./lib/error-storm";

const errors = Number(process.argv[process.argv.indexOf("--errors") + 1]) || 200;
const scenario = generateScenario(7, true);

const github = await startFakeGitHub();
github.setRepo("acme/web", scenario.repo);
const app = await startTestApp("bench_github", {
  GITHUB_TOKEN: "bench-token",
  GITHUB_REPO: "acme/web",
  GITHUB_API_URL: github.url,
  JOBS_POLL_SECONDS: "0.5",
});
try {
  const started = Date.now();
  await postErrorStorm(app.url, scenario, errors);
  const answered = Date.now() - started;
  await waitForCorrelations(app.db, errors, started, 600_000);
  const total = Date.now() - started;
  const failed = await app.db.activity.count({ where: { action: "job_failed" } });
  const byEndpoint = new Map<string, { requests: number; notModified: number }>();
  for (const entry of github.log) {
    const endpoint = entry.path
      .replace(/\/[0-9a-f]{40}$/, "/{sha}")
      .replace(/\/deployments\/\d+\//, "/deployments/{id}/");
    const row = byEndpoint.get(endpoint) ?? { requests: 0, notModified: 0 };
    row.requests += 1;
    if (entry.status === 304) row.notModified += 1;
    byEndpoint.set(endpoint, row);
  }
  const notModified = github.log.filter((entry) => entry.status === 304).length;
  console.log(`\n${errors} distinct new errors, one repository (${scenario.repo.commits.length} commits in history)`);
  console.log(`webhooks answered in ${answered} ms; all correlations done after ${total} ms; failed jobs: ${failed}`);
  console.log(
    `GitHub requests: ${github.log.length} total, ${(github.log.length / errors).toFixed(2)} per error, ${notModified} of them 304 (free against the rate limit)`,
  );
  console.log(`rate-limited requests per error (non-304): ${((github.log.length - notModified) / errors).toFixed(2)}`);
  console.table(Object.fromEntries(byEndpoint));
  console.log(
    "target: ≤ 3 GitHub requests per new error once the cache is warm; a naive correlator (list + 20 commit details + deployments) makes ~23 each",
  );
} finally {
  await app.stop();
  await github.close();
}
