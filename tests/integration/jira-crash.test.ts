// The worker dies between Jira's 201 and our commit: Jira has the ticket, our database does not know.
// After a restart the job finds the ticket by its fingerprint label; there is still exactly one.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { startTestApp, type TestApp } from "../support/app";
import { eventually } from "../support/eventually";
import { FAKE_JIRA_DEFAULTS, type FakeJira, startFakeJira } from "../support/fake-jira";
import { postSentry, sentryIssuePayload } from "../support/sentry";
import { startWorkerProcess, type WorkerProcess } from "../support/worker";

const SECRETS_KEY = randomBytes(32).toString("hex");
let app: TestApp;
let jira: FakeJira;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  jira = await startFakeJira();
  // The web process only enqueues; the standalone workers below do the work.
  app = await startTestApp("jira_crash", { SECRETS_KEY, WORKER_IN_WEB: "false" });
  const project = await app.db.project.create({ data: { key: "CRASH", name: "Crash" } });
  const connection = await app.db.jiraConnection.create({
    data: {
      name: "fake",
      baseUrl: jira.url,
      email: FAKE_JIRA_DEFAULTS.email,
      tokenEncrypted: new SecretBox(keyFromEnvValue(SECRETS_KEY)).seal(FAKE_JIRA_DEFAULTS.apiToken),
    },
  });
  await app.db.sourceMapping.create({
    data: {
      source: "sentry",
      externalProject: "crash-app",
      projectId: project.id,
      jiraConnectionId: connection.id,
      jiraProjectKey: "OPS",
    },
  });
  // Short claim expiry and retry delay so the test need not wait minutes for the dead worker's job.
  await app.db.$executeRawUnsafe(
    `UPDATE pgboss.queue SET expire_seconds = 3, retry_delay = 1 WHERE name = 'jira.sync'`,
  );
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await app?.stop();
  await jira?.stop();
});

it("kills the worker after Jira created the ticket; after restart the ticket is found by its label, not created again", async () => {
  const workerEnv = {
    DATABASE_URL: app.database.url,
    SECRETS_KEY,
    JOBS_POLL_SECONDS: "0.5",
    JOBS_MAINTENANCE_SECONDS: "1",
  };
  const first = await startWorkerProcess(workerEnv);
  workers.push(first);
  jira.onCreate = () => {
    first.kill(); // dies with the create sent and its answer unrecorded
    return { drop: true };
  };

  const { issue } = await (
    await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id: "990001", slug: "crash-app" })))
  ).json();
  await eventually("the job to reach Jira", () => jira.tickets.size > 0, {
    timeoutMs: 20_000,
    intervalMs: 100,
    context: first.output,
  });
  jira.onCreate = null;
  const [ticketKey] = [...jira.tickets.keys()];
  expect((await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId: issue.id } })).state).toBe("creating");

  const second = await startWorkerProcess(workerEnv);
  workers.push(second);
  const row = await eventually(
    "the ticket recorded after restart",
    () => app.db.jiraTicket.findFirst({ where: { issueId: issue.id, state: "created" } }),
    {
      timeoutMs: 45_000,
      intervalMs: 250,
      context: second.output,
    },
  );
  expect(row.ticketKey).toBe(ticketKey);
  expect(jira.tickets.size).toBe(1);
  expect(jira.calls.filter((call) => call.method === "POST" && call.path === "/rest/api/3/issue")).toHaveLength(1);
  expect(jira.calls.filter((call) => call.path === "/rest/api/3/search/jql")).toHaveLength(1);
  const created = await app.db.activity.findFirstOrThrow({
    where: { issueId: issue.id, action: "jira_ticket_created" },
  });
  expect(created.data).toMatchObject({ key: ticketKey, recovered: true });
}, 90_000);
