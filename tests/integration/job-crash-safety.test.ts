// A worker killed in the middle of a job: after a restart the job is picked up again (pg-boss expires
// the dead worker's claim) and runs to completion exactly once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { eventually } from "../support/eventually";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github";
import { jobStatesOf, untilDescription } from "../support/jobs";
import { postSentry, sentryIssuePayload } from "../support/sentry";
import { startWorkerProcess, type WorkerProcess } from "../support/worker";

let app: TestApp;
let github: FakeGitHub;
const workers: WorkerProcess[] = [];

const githubEnv = (url: string) => ({ GITHUB_TOKEN: "test-token", GITHUB_REPO: "acme/web", GITHUB_API_URL: url });

beforeAll(async () => {
  github = await startFakeGitHub();
  github.setRepo("acme/web", {
    commits: [
      {
        sha: "dead000000000000000000000000000000000001",
        message: "feat: new checkout button",
        author: { name: "Grace Hopper", email: "grace@acme.test", login: "grace" },
        date: "2026-11-20T09:00:00Z",
        files: [{ filename: "src/components/Button.tsx", patch: "@@ -1,1 +1,2 @@\n a\n+b" }],
      },
    ],
  });
  // The web process only enqueues; the standalone workers below do the work.
  app = await startTestApp("crash", { ...githubEnv(github.url), WORKER_IN_WEB: "false" });
  // Short claim expiry and retry delay so the test need not wait minutes for the dead worker's job.
  await app.db.$executeRawUnsafe(
    `UPDATE pgboss.queue SET expire_seconds = 3, retry_delay = 1 WHERE name = 'github.correlate'`,
  );
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await app?.stop();
  await github?.close();
});

it("runs the job to completion once after its worker is killed mid-job", async () => {
  // The first commit-list request hangs, holding the job in the middle of its run.
  github.injectFault({ kind: "hang" }, { path: /\/commits$/, times: 1 });
  const workerEnv = {
    DATABASE_URL: app.database.url,
    ...githubEnv(github.url),
    JOBS_POLL_SECONDS: "0.5",
    JOBS_MAINTENANCE_SECONDS: "1",
  };
  const first = await startWorkerProcess(workerEnv);
  workers.push(first);

  const body = sentryIssuePayload({ id: "7001" });
  body.data.issue.firstSeen = "2026-11-20T10:00:00Z";
  const { issue } = await (await postSentry(app.url, JSON.stringify(body))).json();

  await eventually(
    "the job to reach GitHub",
    () => github.log.some((entry) => entry.path.endsWith("/commits") && entry.status === 0),
    {
      timeoutMs: 20_000,
      intervalMs: 100,
      context: first.output,
    },
  );
  first.kill();
  const [claimed] = await jobStatesOf(app.db, "github.correlate", issue.id);
  expect(claimed).toBe("active");

  workers.push(await startWorkerProcess(workerEnv));
  const description = await untilDescription(app.db, { id: issue.id }, /### Recent Commits/, 45_000);
  expect(description.match(/## Suspected Cause/g)).toHaveLength(1);
  expect(await app.db.activity.count({ where: { issueId: issue.id, action: "correlated" } })).toBe(1);
  expect(await app.db.activity.count({ where: { issueId: issue.id, action: "job_failed" } })).toBe(0);
}, 90_000);
