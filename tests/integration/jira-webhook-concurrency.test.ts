// Concurrent Jira deliveries for the same tickets, moves (key changes) and status changes interleaved,
// through the real server (issue 11 §4): they used to deadlock (one transaction locking the ticket
// then the issue, another the issue then the ticket; 74 of 160 answered 500). Every delivery must be
// answered 200 and the end state must be one a serial order of the deliveries could produce.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { recordTicket } from "@/lib/jira-sync/record-ticket";
import { startTestApp, type TestApp } from "../support/app";
import { createQueuedIssue, type JiraSetup } from "../support/jira-sync";
import { jiraStatusChange, postJiraWebhook } from "../support/jira-webhook";

const SECRETS_KEY = randomBytes(32).toString("hex");
const WEBHOOK_SECRET = "jira-webhook-secret";
const SITE = "http://jira.concurrency.test";
// 20 at once per ticket: enough to interleave every kind of change (and, before the fix, to deadlock
// most of them); far more would only queue for the pool's 10 connections behind one row lock.
const TICKETS = 8;
const DELIVERIES_PER_TICKET = 20;
const CLOSED = new Set(["done", "canceled"]);
let app: TestApp;

interface Ticket {
  issueId: string;
  id: string;
  keys: [string, string];
}
const tickets: Ticket[] = [];

beforeAll(async () => {
  // No worker: the sync jobs the changes queue would call a Jira that is not there.
  app = await startTestApp("jira_webhook_concurrency", { SECRETS_KEY, WORKER_IN_WEB: "false" });
  const box = new SecretBox(keyFromEnvValue(SECRETS_KEY));
  const project = await app.db.project.create({ data: { key: "CONC", name: "Concurrency" } });
  const connection = await app.db.jiraConnection.create({
    data: {
      name: "site",
      baseUrl: SITE,
      email: "bot@acme.test",
      tokenEncrypted: box.seal("t"),
      webhookSecretEncrypted: box.seal(WEBHOOK_SECRET),
    },
  });
  const mapping = await app.db.sourceMapping.create({
    data: {
      source: "sentry",
      externalProject: "conc-app",
      projectId: project.id,
      jiraConnectionId: connection.id,
      jiraProjectKey: "OPS",
    },
  });
  const setup: JiraSetup = { projectId: project.id, connectionId: connection.id, mappingId: mapping.id };
  for (let n = 1; n <= TICKETS; n++) {
    const issue = await createQueuedIssue(app.db, setup, `Concurrent ticket ${n}`);
    const ticket = await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId: issue.id } });
    const id = String(10_000 + n);
    await recordTicket(
      app.db,
      ticket,
      { id, key: `OPS-${n}`, url: `${SITE}/browse/OPS-${n}` },
      { recovered: false, category: "new", resolution: null },
    );
    tickets.push({ issueId: issue.id, id, keys: [`OPS-${n}`, `SUP-${n}`] });
  }
});

afterAll(async () => {
  await app?.stop();
});

/** Delivery `index` for `ticket`: the key flips every other delivery, the status every delivery. */
function delivery(ticket: Ticket, index: number) {
  const key = ticket.keys[(index >> 1) % 2]!;
  const status =
    index % 2 === 0
      ? ({ name: "Done", category: "done", resolution: "Done" } as const)
      : ({ name: "To Do", category: "new" } as const);
  const body: Partial<ReturnType<typeof jiraStatusChange>> = jiraStatusChange(key, status, ticket.id);
  delete body.timestamp; // all of them apply: none is "older than our last sync"
  return body;
}

describe("concurrent Jira deliveries for one ticket", () => {
  it(`${TICKETS * DELIVERIES_PER_TICKET} deliveries at once: every one answered 200, no failed delivery, a consistent end state`, async () => {
    const requests = tickets.flatMap((ticket) =>
      Array.from({ length: DELIVERIES_PER_TICKET }, (_, index) => ({ ticket, body: delivery(ticket, index) })),
    );
    const started = Date.now();
    const answers = await Promise.all(
      requests.map(async ({ body }) => {
        const response = await postJiraWebhook(app.url, body, { secret: WEBHOOK_SECRET });
        const text = await response.text();
        return {
          status: response.status,
          body: (text.startsWith("{") ? JSON.parse(text) : { success: false, error: text }) as {
            success: boolean;
            error?: string;
          },
        };
      }),
    );
    const failures = answers.filter((answer) => answer.status !== 200 || !answer.body.success);
    console.log(
      `[jira-webhook-concurrency] ${answers.length} deliveries in ${Date.now() - started} ms, ${failures.length} not 200`,
    );
    expect(
      failures,
      `${JSON.stringify(failures.slice(0, 3))}\n${failures.length > 0 ? app.server.output().slice(-3000) : ""}`,
    ).toEqual([]);

    const outcomes = await app.db.webhookDelivery.groupBy({ by: ["outcome"], where: { source: "jira" }, _count: true });
    expect(outcomes.find((row) => row.outcome === "failed" || row.outcome === "received")).toBeUndefined();
    expect(outcomes.reduce((sum, row) => sum + row._count, 0)).toBe(requests.length);

    for (const ticket of tickets) await expectConsistent(ticket);
  }, 120_000);
});

async function expectConsistent(ticket: Ticket): Promise<void> {
  const [first, second] = ticket.keys;
  const row = await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId: ticket.issueId } });
  const issue = await app.db.issue.findUniqueOrThrow({ where: { id: ticket.issueId }, select: { status: true } });
  expect(row.ticketId).toBe(ticket.id);
  expect(ticket.keys).toContain(row.ticketKey);
  expect(row.ticketUrl).toBe(`${SITE}/browse/${row.ticketKey}`);
  const link = await app.db.externalIssue.findFirstOrThrow({ where: { issueId: ticket.issueId, source: "jira" } });
  expect(link.metadata).toMatchObject({ key: row.ticketKey, id: ticket.id });

  // Moves between two keys alternate: as many back as forth, or one more forth when it ended moved.
  const moves = await app.db.activity.findMany({
    where: { issueId: ticket.issueId, action: "jira_ticket_moved" },
    select: { fromValue: true, toValue: true },
  });
  const forth = moves.filter((move) => move.fromValue === first && move.toValue === second).length;
  const back = moves.filter((move) => move.fromValue === second && move.toValue === first).length;
  expect(forth + back).toBe(moves.length);
  expect(forth - back).toBe(row.ticketKey === second ? 1 : 0);
  expect(forth).toBeGreaterThan(0);

  // Status changes, in the order they committed (the outbox id), alternate closed/open and end at the
  // issue's status, which agrees with the ticket's last known category: no change was lost.
  const events = await app.db.issueEvent.findMany({
    where: { issueId: ticket.issueId, kind: "updated" },
    orderBy: { id: "asc" },
    select: { data: true },
  });
  const statuses = events
    .map((event) => event.data as { field?: string; value?: string })
    .filter((data) => data.field === "status")
    .map((data) => data.value!);
  expect(statuses.length).toBeGreaterThan(1);
  for (const [index, status] of statuses.entries()) {
    if (index > 0)
      expect(CLOSED.has(status), `change ${index}: ${statuses.join(",")}`).not.toBe(CLOSED.has(statuses[index - 1]!));
  }
  expect(statuses.at(-1)).toBe(issue.status);
  expect(row.ticketCategory === "done").toBe(CLOSED.has(issue.status));
}
