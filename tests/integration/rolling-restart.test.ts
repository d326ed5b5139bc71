// A rolling restart: two web processes (each with its worker) on one database, the first stopped with
// SIGTERM in the middle of a concurrent load, its traffic moving to the second as a load balancer
// would move it. Nothing it accepted is cut off or lost, nothing answers 5xx, and the jobs it was
// running finish before it exits instead of being retried elsewhere.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { eventually } from "../support/eventually";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github";
import { pendingJobs } from "../support/jobs";
import { postSentry, sentryIssuePayload, TEST_SENTRY_SECRET } from "../support/sentry";
import { type RunningServer, startServer } from "../support/server";

let database: TestDatabase;
let db: Db;
let github: FakeGitHub;
const servers: RunningServer[] = [];

beforeAll(async () => {
  github = await startFakeGitHub();
  github.setRepo("acme/web", {
    commits: [
      {
        sha: "beef000000000000000000000000000000000001",
        message: "fix: checkout",
        author: { name: "Grace Hopper", email: "grace@acme.test", login: "grace" },
        date: "2026-11-20T09:00:00Z",
        files: [{ filename: "src/components/Button.tsx", patch: "@@ -1,1 +1,2 @@\n a\n+b" }],
      },
    ],
  });
  // Correlations take a while, so the first server has jobs running when it is told to stop.
  github.setLatency(800);
  database = await createTestDatabase("rolling");
  db = createDb(database.url, 2);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await db?.$disconnect();
  await database?.drop();
  await github?.close();
});

it("SIGTERM under load: no 5xx, no reset of an accepted request, no lost delivery, running jobs finished", async () => {
  const env = {
    DATABASE_URL: database.url,
    SENTRY_CLIENT_SECRET: TEST_SENTRY_SECRET,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    SECRETS_KEY: randomBytes(32).toString("hex"),
    GITHUB_TOKEN: "test-token",
    GITHUB_REPO: "acme/web",
    GITHUB_API_URL: github.url,
    JOBS_POLL_SECONDS: "0.5",
    LOG_LEVEL: "info",
  };
  const [first, second] = await Promise.all([startServer({ env }), startServer({ env })]);
  servers.push(first!, second!);

  const acknowledged = new Map<string, string>(); // Sentry issue id → identifier answered
  const statuses = new Map<number, number>();
  const refusedByFirst: string[] = []; // request-ids whose request to the first server failed
  let sent = 0;
  let stopping = false;
  let done = false;
  const deliver = async (id: string) => {
    const requestId = randomUUID().replaceAll("-", "");
    const body = JSON.stringify(sentryIssuePayload({ id }));
    for (const server of [first!, second!]) {
      if (server === first && stopping && refusedByFirst.length > 0) continue; // the balancer took it out
      let response: Response;
      try {
        response = await postSentry(server.url, body, { headers: { "request-id": requestId } });
      } catch (error) {
        if (server !== first || !stopping) throw error;
        refusedByFirst.push(requestId);
        continue;
      }
      // Past the status line the request was accepted: a body cut off here is a reset, and fails the test.
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status !== 200) return;
      const answered = (await response.json()) as { issue: { identifier: string } };
      acknowledged.set(id, answered.issue.identifier);
      return;
    }
  };
  const lane = async (index: number) => {
    for (let round = 0; !done; round++) {
      sent++;
      await deliver(round % 3 === 2 ? `${index}-${round - 1}` : `${index}-${round}`);
    }
  };
  const load = Promise.all(Array.from({ length: 30 }, (_, index) => lane(index)));
  await eventually("200 deliveries sent", () => sent >= 200, { timeoutMs: 60_000, intervalMs: 5 });
  const [active] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'github.correlate' AND state = 'active'`,
  );
  stopping = true;
  const signalled = Date.now();
  const exitCode = await first!.terminate();
  const shutdownMs = Date.now() - signalled;
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the second server carries on alone
  done = true;
  await load;

  console.info(
    first!
      .output()
      .split("\n")
      .filter((line) => /"msg":"(web|jobs)\./.test(line))
      .join("\n"),
  );
  console.info(
    `[rolling] ${sent} sent, ${active?.n} correlations running at SIGTERM (both servers), first server exited ${exitCode} ${shutdownMs} ms after it, ${refusedByFirst.length} requests refused by it and sent on, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  const shutdownLog = first!
    .output()
    .split("\n")
    .filter((line) => /web\.|jobs\./.test(line))
    .join("\n");
  // scripts/serve.ts exits 0 once its requests are done and the worker has stopped (1 = the hard limit hit).
  expect(exitCode, shutdownLog).toBe(0);
  expect(shutdownMs).toBeLessThan(25_000); // bounded, however long a job would run
  expect([...statuses.keys()]).toEqual([200]);
  // A refused request never reached the pipeline: its retry on the second server is its only stored delivery.
  for (const requestId of refusedByFirst) {
    expect(
      await db.webhookDelivery.count({ where: { headers: { path: ["request-id"], equals: requestId } } }),
      requestId,
    ).toBe(1);
  }

  const links = await db.externalIssue.findMany({
    select: { externalId: true, issue: { select: { identifier: true, number: true } } },
  });
  const byExternalId = new Map(links.map((link) => [link.externalId, link.issue.identifier]));
  expect(links).toHaveLength(byExternalId.size);
  for (const [id, identifier] of acknowledged) expect(byExternalId.get(id), id).toBe(identifier);
  const numbers = links.map((link) => link.issue.number).sort((a, b) => a - b);
  expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  expect(await db.webhookDelivery.count({ where: { outcome: { in: ["received", "failed"] } } })).toBe(0);

  // Every correlation job ran once, none handed back by a shutdown.
  let open = 0;
  await eventually(
    "every correlation job to finish",
    async () => (open = await pendingJobs(db, ["github.correlate"])) === 0,
    {
      timeoutMs: 120_000,
      intervalMs: 500,
      context: () => `${open} correlation jobs still open`,
    },
  );
  const jobs = await db.$queryRawUnsafe<{ state: string; retries: number }[]>(
    `SELECT state::text, retry_count AS retries FROM pgboss.job WHERE name = 'github.correlate'`,
  );
  expect(jobs.length).toBe(links.length);
  expect(jobs.filter((job) => job.state !== "completed" || job.retries > 0)).toEqual([]);
  expect(first!.output()).toContain("web.stopping");
}, 240_000);
