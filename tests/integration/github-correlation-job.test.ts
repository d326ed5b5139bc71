// A new Sentry issue is answered at once; the worker (in the web process, as under `npm start`) then
// correlates it with the GitHub history served by a local GitHub REST server, and the issue gains
// the "Suspected Cause" section. A repository GitHub does not know ends in a visible reason.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { retryFailedJob } from "@/lib/jobs/retry-failed-job";
import { startTestApp, type TestApp } from "../support/app";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github";
import { untilDescription } from "../support/jobs";
import { postSentry, sentryIssuePayload } from "../support/sentry";

const FIRST_SEEN = "2026-11-20T10:00:00.123000Z";
const CULPRIT = "c0ffee0000000000000000000000000000000001";
const BYSTANDER = "beef000000000000000000000000000000000002";

const SECRETS_KEY = randomBytes(32).toString("hex");
let app: TestApp;
let github: FakeGitHub;

const commits = [
  {
    sha: CULPRIT,
    message: "refactor: read the id from props in Button",
    author: { name: "Grace Hopper", email: "grace@acme.test", login: "grace" },
    date: "2026-11-20T08:30:00Z",
    files: [
      {
        filename: "src/components/Button.tsx",
        patch: "@@ -10,3 +10,3 @@\n-  const id = props.item.id;\n+  const id = props.item?.id;\n context",
      },
    ],
  },
  {
    sha: BYSTANDER,
    message: "docs: update README",
    author: { name: "Alan Turing", email: "alan@acme.test", login: "alan" },
    date: "2026-11-20T07:00:00Z",
    files: [{ filename: "README.md", patch: "@@ -1 +1 @@\n-a\n+b" }],
  },
];

beforeAll(async () => {
  github = await startFakeGitHub();
  github.setRepo("acme/web", { commits: [...commits] });
  app = await startTestApp("correlation", {
    SECRETS_KEY,
    GITHUB_TOKEN: "test-token",
    GITHUB_REPO: "acme/web",
    GITHUB_API_URL: github.url,
    JOBS_POLL_SECONDS: "0.5",
    JOBS_MAINTENANCE_SECONDS: "1",
  });
});

afterAll(async () => {
  await app?.stop();
  await github?.close();
});

const waitForDescription = (identifier: string, pattern: RegExp, timeoutMs?: number) =>
  untilDescription(app.db, { identifier }, pattern, timeoutMs);

function payload(id: string) {
  const body = sentryIssuePayload({ id });
  body.data.issue.firstSeen = FIRST_SEEN;
  return JSON.stringify(body);
}

describe("github.correlate job", () => {
  it("uses the mapping's own GitHub token (stored sealed) instead of GITHUB_TOKEN", async () => {
    const project = await app.db.project.create({ data: { key: "OWN", name: "Own token" } });
    await app.db.sourceMapping.create({
      data: {
        source: "sentry",
        externalProject: "own-token",
        projectId: project.id,
        githubRepo: "acme/web",
        githubTokenEncrypted: new SecretBox(keyFromEnvValue(SECRETS_KEY)).seal("mapping-token"),
      },
    });
    const requestsBefore = github.log.length;
    const body = sentryIssuePayload({ id: "4900", slug: "own-token" });
    body.data.issue.firstSeen = FIRST_SEEN;
    const { issue } = await (await postSentry(app.url, JSON.stringify(body))).json();
    await waitForDescription(issue.identifier, /## Suspected Cause/);
    const used = github.log.slice(requestsBefore).map((entry) => entry.authorization);
    expect(used.length).toBeGreaterThan(0);
    expect(new Set(used)).toEqual(new Set(["token mapping-token"]));
  });

  it("answers the webhook before touching GitHub, then adds the Suspected Cause with the culprit", async () => {
    const requestsBefore = github.log.length;
    const response = await postSentry(app.url, payload("4001"));
    expect(response.status).toBe(200);
    const { issue } = await response.json();
    expect(github.log.length).toBe(requestsBefore);

    const description = await waitForDescription(issue.identifier, /## Suspected Cause/);
    expect(description).toContain("### Recent Commits");
    expect(description).toContain("- [`c0ffee0`](");
    expect(description).toContain("refactor: read the id from props in Button");
    expect(description).toContain("### Files in Stack Trace Modified Recently\n\n- `src/components/Button.tsx`");
    // The seed's order: the section sits before Impact, and the rest of the description is intact.
    expect(description.indexOf("## Suspected Cause")).toBeLessThan(description.indexOf("## Impact"));
    expect(description).toContain("## Links");

    const activity = await app.db.activity.findFirstOrThrow({ where: { issueId: issue.id, action: "correlated" } });
    expect(activity.actorName).toBe("GitHub");
    expect(activity.data).toMatchObject({ suspects: [{ sha: CULPRIT }] });
  });

  it("a repository GitHub does not know shows 'Correlation unavailable' and a failed job on the issue", async () => {
    await app.db.project.create({ data: { key: "GONE", name: "Gone" } }).then((project) =>
      app.db.sourceMapping.create({
        data: { source: "sentry", externalProject: "gone-app", projectId: project.id, githubRepo: "acme/missing" },
      }),
    );
    const body = sentryIssuePayload({ id: "4002", slug: "gone-app" });
    const response = await postSentry(app.url, JSON.stringify(body));
    const { issue } = await response.json();
    const description = await waitForDescription(issue.identifier, /Correlation unavailable/);
    expect(description).toMatch(/## Suspected Cause\n\n_Correlation unavailable: .+_/);
    const failure = await app.db.activity.findFirstOrThrow({ where: { issueId: issue.id, action: "job_failed" } });
    expect(failure.data).toMatchObject({
      queue: "github.correlate",
      jobData: { issueId: issue.id, repo: "acme/missing" },
    });

    // Once the repository exists (access granted), "Retry" on the issue runs the job again.
    github.setRepo("acme/missing", { commits: [...commits] });
    const admin = await app.db.user.create({ data: { email: "retry@acme.test", role: "admin" } });
    await retryFailedJob(app.db, { activityId: failure.id, userId: admin.id });
    const repaired = await waitForDescription(issue.identifier, /### Recent Commits/);
    expect(repaired).not.toContain("Correlation unavailable");
    expect(repaired.match(/## Suspected Cause/g)).toHaveLength(1);
  });

  it("GitHub failing with 502s is retried and then succeeds", async () => {
    // A repository of its own, so no cached commit list hides the faults.
    github.setRepo("acme/flaky", { commits: [...commits] });
    const project = await app.db.project.create({ data: { key: "FLAKY", name: "Flaky" } });
    await app.db.sourceMapping.create({
      data: { source: "sentry", externalProject: "flaky-app", projectId: project.id, githubRepo: "acme/flaky" },
    });
    // Five 502s outlast the client's in-process retries (1 + 3 attempts), so the job itself fails once
    // and pg-boss retries it; a 1 s queue retry delay keeps the test short.
    await app.db.$executeRawUnsafe(`UPDATE pgboss.queue SET retry_delay = 1 WHERE name = 'github.correlate'`);
    github.injectFault({ kind: "status", status: 502 }, { path: /acme\/flaky\/commits/, times: 5 });
    const body = sentryIssuePayload({ id: "4003", slug: "flaky-app" });
    body.data.issue.firstSeen = FIRST_SEEN;
    const response = await postSentry(app.url, JSON.stringify(body));
    const { issue } = await response.json();
    const description = await waitForDescription(issue.identifier, /### Recent Commits/, 80_000);
    expect(description).toContain("c0ffee0");
    expect(github.log.filter((entry) => entry.status === 502)).toHaveLength(5);
    const attempts = await app.db.$queryRawUnsafe<{ retry_count: number; state: string }[]>(
      `SELECT retry_count, state::text FROM pgboss.job WHERE name = 'github.correlate' AND data->>'issueId' = $1
       UNION ALL SELECT retry_count, state::text FROM pgboss.archive WHERE name = 'github.correlate' AND data->>'issueId' = $1`,
      issue.id,
    );
    expect(attempts).toEqual([{ retry_count: 1, state: "completed" }]);
  }, 90_000);

  it("GitHub's 429 with Retry-After defers the job no sooner than asked, then it succeeds", async () => {
    github.setRepo("acme/limited", { commits: [...commits] });
    const project = await app.db.project.create({ data: { key: "LIM", name: "Limited" } });
    await app.db.sourceMapping.create({
      data: { source: "sentry", externalProject: "limited-app", projectId: project.id, githubRepo: "acme/limited" },
    });
    github.injectFault(
      { kind: "rate-limit", status: 429, retryAfter: 2 },
      { path: /acme\/limited\/commits/, times: 1 },
    );
    const body = sentryIssuePayload({ id: "4004", slug: "limited-app" });
    body.data.issue.firstSeen = FIRST_SEEN;
    const { issue } = await (await postSentry(app.url, JSON.stringify(body))).json();
    const limitedAt = Date.now();
    await waitForDescription(issue.identifier, /### Recent Commits/);
    const calls = github.log.filter((entry) => entry.path === "/repos/acme/limited/commits");
    expect(calls.map((entry) => entry.status)).toEqual([429, 200]);
    expect(Date.now() - limitedAt).toBeGreaterThanOrEqual(1_500);
    expect(await app.db.activity.count({ where: { issueId: issue.id, action: "job_failed" } })).toBe(0);
  });

  it("a storm of deliveries for one new issue enqueues its follow-up once", async () => {
    const raw = payload("4005");
    const replies = await Promise.all(Array.from({ length: 20 }, async () => (await postSentry(app.url, raw)).json()));
    const issueId = replies.find((reply) => !reply.deduplicated)!.issue.id;
    const [row] = await app.db.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM (SELECT id FROM pgboss.job WHERE name = 'github.correlate' AND data->>'issueId' = $1
       UNION ALL SELECT id FROM pgboss.archive WHERE name = 'github.correlate' AND data->>'issueId' = $1) jobs`,
      issueId,
    );
    expect(row?.count).toBe(1);
  });
});
