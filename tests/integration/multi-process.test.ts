// The deployment users grow into: two web processes and two `npm run worker` processes on one
// PostgreSQL. A mixed storm (new errors and repeats, Sentry and GlitchTip) through both web processes
// makes one issue per error, numbered without gaps, and one Jira ticket per issue, each job done once.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { createDb, type Db } from "../../lib/db";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { eventually } from "../support/eventually";
import { FAKE_JIRA_DEFAULTS, type FakeJira, startFakeJira } from "../support/fake-jira";
import { createGlitchTipMapping, glitchtipAlert, glitchtipAttachment, postGlitchTip } from "../support/glitchtip";
import { postSentry, sentryIssuePayload, TEST_SENTRY_SECRET } from "../support/sentry";
import { type RunningServer, startServer } from "../support/server";
import { startWorkerProcess, type WorkerProcess } from "../support/worker";

const SECRETS_KEY = randomBytes(32).toString("hex");
const ERRORS_PER_SOURCE = 60;
const DELIVERIES_PER_ERROR = 4;
let database: TestDatabase;
let db: Db;
let jira: FakeJira;
let glitchtip: { id: string; token: string };
const webs: RunningServer[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  jira = await startFakeJira();
  database = await createTestDatabase("multi_process");
  db = createDb(database.url, 2);
  const project = await db.project.create({ data: { key: "MULTI", name: "Multi" } });
  const connection = await db.jiraConnection.create({
    data: {
      name: "fake",
      baseUrl: jira.url,
      email: FAKE_JIRA_DEFAULTS.email,
      tokenEncrypted: new SecretBox(keyFromEnvValue(SECRETS_KEY)).seal(FAKE_JIRA_DEFAULTS.apiToken),
    },
  });
  // No flood control in the way: every issue gets its ticket now.
  const jiraFields = { jiraConnectionId: connection.id, jiraProjectKey: "OPS", jiraTicketsPerHour: 100_000 };
  await db.sourceMapping.create({
    data: { source: "sentry", externalProject: "web-app", projectId: project.id, ...jiraFields },
  });
  glitchtip = await createGlitchTipMapping(db, {
    projectId: project.id,
    externalProject: "acme/web-api",
    jiraProjectKey: "OPS",
  });
  await db.sourceMapping.update({ where: { id: glitchtip.id }, data: jiraFields });

  const env = {
    DATABASE_URL: database.url,
    SENTRY_CLIENT_SECRET: TEST_SENTRY_SECRET,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    SECRETS_KEY,
    WORKER_IN_WEB: "false",
  };
  const workerEnv = { DATABASE_URL: database.url, SECRETS_KEY, JOBS_POLL_SECONDS: "0.5" };
  const started = await Promise.all([
    startServer({ env }),
    startServer({ env }),
    startWorkerProcess(workerEnv),
    startWorkerProcess(workerEnv),
  ]);
  webs.push(started[0] as RunningServer, started[1] as RunningServer);
  workers.push(started[2] as WorkerProcess, started[3] as WorkerProcess);
}, 120_000);

afterAll(async () => {
  await Promise.all([...webs.map((web) => web.stop()), ...workers.map((worker) => worker.stop())]);
  await db?.$disconnect();
  await database?.drop();
  await jira?.stop();
});

const until = (what: string, probe: () => Promise<boolean>, timeoutMs = 90_000) =>
  eventually(what, probe, {
    timeoutMs,
    intervalMs: 250,
    context: () => workers.map((worker) => worker.output().slice(-2000)).join("\n---\n"),
  });

it("one issue per error, gapless numbers, one Jira ticket per issue, each job once", async () => {
  // Every error several times, Sentry and GlitchTip interleaved, shuffled so repeats race their first delivery.
  const deliveries = Array.from(
    { length: ERRORS_PER_SOURCE * DELIVERIES_PER_ERROR },
    (_, index) => index % ERRORS_PER_SOURCE,
  ).flatMap((error) => [
    (url: string) => postSentry(url, JSON.stringify(sentryIssuePayload({ id: String(610_000 + error) }))),
    (url: string) =>
      postGlitchTip(url, glitchtip.id, glitchtip.token, glitchtipAlert([glitchtipAttachment({ id: 620_000 + error })])),
  ]);
  for (let index = deliveries.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [deliveries[index], deliveries[other]] = [deliveries[other]!, deliveries[index]!];
  }
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 40 }, async (_, lane) => {
      while (next < deliveries.length) {
        const deliver = deliveries[next++]!;
        const response = await deliver(webs[lane % 2]!.url);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  expect(Object.fromEntries(statuses)).toEqual({ 200: deliveries.length });

  const issues = 2 * ERRORS_PER_SOURCE;
  const links = await db.externalIssue.findMany({
    where: { source: { in: ["sentry", "glitchtip"] } },
    select: { source: true, externalId: true, issue: { select: { number: true } } },
  });
  expect(new Set(links.map((link) => `${link.source}:${link.externalId}`)).size).toBe(issues);
  expect(links).toHaveLength(issues);
  expect(await db.issue.count()).toBe(issues);
  expect(links.map((link) => link.issue.number).sort((a, b) => a - b)).toEqual(
    Array.from({ length: issues }, (_, index) => index + 1),
  );
  expect(await db.webhookDelivery.groupBy({ by: ["outcome"], _count: true, orderBy: { outcome: "asc" } })).toEqual([
    { outcome: "created", _count: issues },
    { outcome: "deduplicated", _count: deliveries.length - issues },
  ]);

  await until(
    "every ticket created",
    async () => (await db.jiraTicket.count({ where: { state: "created" } })) === issues,
  );
  await until("every Jira job finished", async () => {
    const [row] = await db.$queryRawUnsafe<{ open: number }[]>(
      `SELECT count(*)::int AS open FROM pgboss.job WHERE name = 'jira.sync' AND state < 'completed'`,
    );
    return row?.open === 0;
  });
  expect(jira.tickets.size).toBe(issues);
  expect(jira.calls.filter((call) => call.method === "POST" && call.path === "/rest/api/3/issue")).toHaveLength(issues);
  expect(await db.activity.count({ where: { action: "jira_ticket_created" } })).toBe(issues);
  const jobs = await db.$queryRawUnsafe<{ state: string; retries: number }[]>(
    `SELECT state::text, retry_count AS retries FROM pgboss.job WHERE name = 'jira.sync'`,
  );
  expect(jobs.filter((job) => job.state !== "completed")).toEqual([]);
  // Both workers took part.
  for (const worker of workers) expect(worker.output()).toMatch(/"queue":"jira\.sync".*"msg":"job\.completed"/);
}, 240_000);
