// Webhooks Sentry never delivered are recovered by the sentry.reconcile job (in the web process, as
// under `npm start`), which polls a local Sentry REST API and feeds what we lack through the webhook's
// pipeline: same numbering, dedup and delivery records; nothing twice; off without a token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { QUEUES } from "@/lib/jobs/queues";
import { startTestApp, type TestApp } from "../support/app";
import { eventually } from "../support/eventually";
import { type FakeSentry, startFakeSentry } from "../support/fake-sentry";
import { pendingJobs } from "../support/jobs";
import { postSentry } from "../support/sentry";
import { startServer } from "../support/server";

const TOKEN = "sntrys_test-reconcile-token";
const ORG = "acme";
const CRON = "0 3 1 1 *"; // yearly: in this test only the jobs we send run
const web = { id: "42", slug: "web-app" };
const api = { id: "43", slug: "api" };
const QUEUE = QUEUES.sentryReconcile.name;

let app: TestApp;
let sentry: FakeSentry;
const issues: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  sentry = await startFakeSentry({ token: TOKEN, org: ORG });
  sentry.addProject(web);
  sentry.addProject(api);
  app = await startTestApp("reconcile", {
    SENTRY_AUTH_TOKEN: TOKEN,
    SENTRY_ORG: ORG,
    SENTRY_API_URL: sentry.url,
    SENTRY_RECONCILE_CRON: CRON,
    JOBS_POLL_SECONDS: "0.5",
    JOBS_MAINTENANCE_SECONDS: "1",
    LOG_LEVEL: "info",
  });
});

afterAll(async () => {
  await app?.stop();
  await sentry?.close();
});

/** Sends one sentry.reconcile job and waits until the queue is idle again (deferrals and retries included). */
async function runReconcile(timeoutMs = 30_000): Promise<{ state: string; retry_count: number }[]> {
  const jobId = await app.db.$transaction((tx) => enqueueJob(tx, QUEUE, {}));
  expect(jobId).toBeTruthy();
  await eventually("sentry.reconcile to finish", async () => (await pendingJobs(app.db, [QUEUE])) === 0, {
    timeoutMs,
    context: () => app.server.output().slice(-3000),
  });
  return app.db.$queryRawUnsafe(
    `SELECT state::text, retry_count FROM pgboss.job WHERE name = $1 AND created_on >= (SELECT created_on FROM pgboss.job WHERE id = $2::uuid)
     ORDER BY created_on`,
    QUEUE,
    jobId,
  );
}

const identifierOf = async (externalId: string) =>
  (
    await app.db.externalIssue.findUnique({
      where: { source_externalId: { source: "sentry", externalId } },
      include: { issue: true },
    })
  )?.issue.identifier;

const webhookBody = (issue: Record<string, unknown>) =>
  JSON.stringify({
    action: "created",
    installation: { uuid: "7a2d4e4c-3c1b-4f9a-9d9e-0f1e2d3c4b5a" },
    data: { issue },
    actor: { type: "application", id: "sentry", name: "Sentry" },
  });

const reconciliationDeliveries = () =>
  app.db.webhookDelivery.findMany({
    where: { headers: { path: ["x-tracker-origin"], equals: "reconciliation" } },
    orderBy: { receivedAt: "asc" },
  });

describe("sentry.reconcile", () => {
  it("is scheduled with the configured cron when a token is set", async () => {
    const rows = await app.db.$queryRawUnsafe<{ cron: string; timezone: string }[]>(
      `SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`,
      QUEUE,
    );
    expect(rows).toEqual([{ cron: CRON, timezone: "UTC" }]);
  });

  it("creates exactly the issues whose webhooks were missed, page 2 included, numbered after the received one", async () => {
    // Newest first (sort=new), two a page: [5002, 5001] then [5003].
    issues.received = sentry.addIssue({ id: "5001", project: web, firstSeenMinutesAgo: 60 });
    issues.missedNew = sentry.addIssue({ id: "5002", project: web, firstSeenMinutesAgo: 30 });
    issues.missedOld = sentry.addIssue({ id: "5003", project: api, firstSeenMinutesAgo: 120, substatus: "ongoing" });
    sentry.addIssue({ id: "5004", project: web, firstSeenMinutesAgo: 3 * 24 * 60 }); // before the window
    sentry.addIssue({ id: "5005", project: web, firstSeenMinutesAgo: 10, status: "resolved" });
    sentry.maxPerPage = 2;

    const response = await postSentry(app.url, webhookBody(issues.received));
    expect((await response.json()).issue.identifier).toBe("CHIPP-1");

    const logStart = sentry.log.length;
    expect(await runReconcile()).toEqual([{ state: "completed", retry_count: 0 }]);

    // Oldest first seen first: 5003 (120 min ago) before 5002 (30 min ago); no gap after CHIPP-1.
    expect(await identifierOf("5003")).toBe("CHIPP-2");
    expect(await identifierOf("5002")).toBe("CHIPP-3");
    expect(await identifierOf("5004")).toBeUndefined();
    expect(await identifierOf("5005")).toBeUndefined();
    expect(await app.db.issue.count()).toBe(3);

    const requests = sentry.log.slice(logStart);
    expect(requests.map((r) => [r.path, r.query.cursor?.[0], r.status])).toEqual([
      [`/api/0/organizations/${ORG}/issues/`, undefined, 200],
      [`/api/0/organizations/${ORG}/issues/`, "0:2:0", 200],
    ]);
    expect(requests[0]).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      query: {
        query: ["is:unresolved firstSeen:-24h"],
        project: ["-1"],
        statsPeriod: ["24h"],
        sort: ["new"],
        limit: ["100"],
      },
    });

    const deliveries = await reconciliationDeliveries();
    expect(deliveries.map((d) => [d.externalId, d.outcome])).toEqual([
      ["5003", "created"],
      ["5002", "created"],
    ]);
    expect(deliveries[0]!.headers).toMatchObject({
      "sentry-hook-resource": "issue",
      "x-tracker-origin": "reconciliation",
    });
    expect(JSON.parse(deliveries[0]!.rawBody)).toMatchObject({
      action: "created",
      actor: { id: "tracker-reconcile" },
      data: { issue: { id: "5003", substatus: "new" } },
    });
    const created = await app.db.issue.findUniqueOrThrow({
      where: { identifier: "CHIPP-2" },
      include: { activities: true, labels: { include: { label: true } } },
    });
    expect(created.title).toBe("[api] TypeError: Cannot read properties of undefined (reading 'x') #5003");
    expect(created.priority).toBe("P1");
    expect(created.labels.map((l) => l.label.name)).toEqual(["Sentry"]);
    expect(created.activities).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "created", actorName: "Sentry" })]),
    );
    expect(app.server.output()).toMatch(/"fetched":3,"invalid":0,"alreadyTracked":1,"created":2/);
  });

  it("run again, creates nothing and stores no delivery", async () => {
    const deliveriesBefore = await app.db.webhookDelivery.count();
    expect(await runReconcile()).toEqual([{ state: "completed", retry_count: 0 }]);
    expect(await app.db.issue.count()).toBe(3);
    expect(await app.db.webhookDelivery.count()).toBe(deliveriesBefore);
    expect(app.server.output()).toMatch(/"fetched":3,"invalid":0,"alreadyTracked":3,"created":0/);
  });

  it("a late webhook for an issue reconciliation created is answered as a duplicate", async () => {
    const response = await postSentry(app.url, webhookBody(issues.missedNew!));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      success: true,
      deduplicated: true,
      issue: { identifier: "CHIPP-3" },
      message: "Issue already tracked as CHIPP-3",
    });
    expect(await app.db.issue.count()).toBe(3);
  });

  it("with project mappings, polls only the mapped projects, by id", async () => {
    const project = await app.db.project.create({ data: { key: "WEB", name: "Web" } });
    await app.db.sourceMapping.create({
      data: { source: "sentry", externalProject: "web-app", projectId: project.id },
    });
    sentry.addIssue({ id: "5006", project: web, firstSeenMinutesAgo: 5 });
    sentry.addIssue({ id: "5007", project: api, firstSeenMinutesAgo: 5 });
    const logStart = sentry.log.length;
    expect(await runReconcile()).toEqual([{ state: "completed", retry_count: 0 }]);
    expect(await identifierOf("5006")).toBe("WEB-1");
    expect(await identifierOf("5007")).toBeUndefined();
    const requests = sentry.log.slice(logStart);
    expect(requests[0]!.path).toBe(`/api/0/organizations/${ORG}/projects/`);
    expect(requests.filter((r) => r.path.endsWith("/issues/")).map((r) => r.query.project)).toEqual([["42"], ["42"]]);
    await app.db.sourceMapping.deleteMany({});
  });

  it("waits for Retry-After on 429 and retries a 500, then completes", async () => {
    await app.db.$executeRawUnsafe(`UPDATE pgboss.queue SET retry_delay = 1 WHERE name = $1`, QUEUE);
    sentry.addIssue({ id: "5008", project: api, firstSeenMinutesAgo: 1 });
    sentry.injectFault({ kind: "rate-limit", retryAfter: 1 });
    const jobs = await runReconcile(60_000);
    expect(jobs.map((job) => job.state)).toEqual(["completed", "completed"]); // the deferred run is a new job
    // Without the mapping the whole org is polled again: 5007 (api, left out above) is caught up too.
    expect(await identifierOf("5007")).toBe("CHIPP-4");
    expect(await identifierOf("5008")).toBe("CHIPP-5");

    sentry.addIssue({ id: "5009", project: api, firstSeenMinutesAgo: 1 });
    sentry.injectFault({ kind: "status", status: 500 });
    expect(await runReconcile(60_000)).toEqual([{ state: "completed", retry_count: 1 }]);
    expect(await identifierOf("5009")).toBe("CHIPP-6");
  });

  it("a refused token fails the job permanently, without retries and without creating anything", async () => {
    sentry.addIssue({ id: "5010", project: web, firstSeenMinutesAgo: 1 });
    sentry.setToken("sntrys_rotated");
    const logStart = sentry.log.length;
    const issuesBefore = await app.db.issue.count();
    try {
      expect(await runReconcile()).toEqual([{ state: "completed", retry_count: 0 }]);
    } finally {
      sentry.setToken(TOKEN);
    }
    expect(sentry.log.slice(logStart).map((r) => r.status)).toEqual([401]);
    expect(await app.db.issue.count()).toBe(issuesBefore);
    expect(app.server.output()).toMatch(
      /"queue":"sentry\.reconcile".*"reason":"Sentry API refused the token \(HTTP 401: Invalid token\)".*"msg":"job\.failed_permanently"/,
    );
  });

  it("racing the webhooks of the same issue, one issue exists in the end", async () => {
    const late = sentry.addIssue({ id: "5011", project: web, firstSeenMinutesAgo: 1 });
    const issuesBefore = await app.db.issue.count();
    const [jobs, ...answers] = await Promise.all([
      runReconcile(),
      ...Array.from({ length: 5 }, (_, i) =>
        new Promise((r) => setTimeout(r, i * 150)).then(() => postSentry(app.url, webhookBody(late))),
      ),
    ]);
    expect(jobs).toEqual([{ state: "completed", retry_count: 0 }]);
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    // 5011 once, and 5010, which the refused token left behind above.
    expect(await app.db.issue.count()).toBe(issuesBefore + 2);
    expect(await identifierOf("5010")).toBeDefined();
    const outcomes = await app.db.webhookDelivery.findMany({
      where: { externalId: "5011" },
      select: { outcome: true },
    });
    expect(outcomes.filter((d) => d.outcome === "created")).toHaveLength(1);
  });

  it("without SENTRY_AUTH_TOKEN the schedule is removed: reconciliation is off", async () => {
    await app.server.stop();
    const server = await startServer({
      env: {
        DATABASE_URL: app.database.url,
        NEXTAUTH_SECRET: "x".repeat(32),
        SENTRY_AUTH_TOKEN: "",
        SENTRY_ORG: ORG,
        SENTRY_API_URL: sentry.url,
      },
    });
    try {
      expect(await app.db.$queryRawUnsafe(`SELECT name FROM pgboss.schedule WHERE name = $1`, QUEUE)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
