// Jira sync through the real server, its in-process worker and the fake Jira: a storm of Sentry and
// GlitchTip deliveries opens one ticket per error, a ticket closed in Jira closes the issue, and a
// regression reopens the ticket, with nothing echoed back and forth.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { QUEUES } from "@/lib/jobs/queues";
import { startTestApp, type TestApp } from "../support/app";
import { eventually } from "../support/eventually";
import { FAKE_JIRA_DEFAULTS, type FakeJira, startFakeJira } from "../support/fake-jira";
import { createGlitchTipMapping, glitchtipAlert, glitchtipAttachment, postGlitchTip } from "../support/glitchtip";
import { jiraStatusChange, postJiraWebhook } from "../support/jira-webhook";
import { untilIdle } from "../support/jobs";
import { postSentry, sentryIssuePayload } from "../support/sentry";

const SECRETS_KEY = randomBytes(32).toString("hex");
const WEBHOOK_SECRET = "jira-webhook-secret";
let app: TestApp;
let jira: FakeJira;
let glitchtip: { id: string; token: string };

beforeAll(async () => {
  jira = await startFakeJira();
  app = await startTestApp("jira_e2e", { SECRETS_KEY, JOBS_POLL_SECONDS: "0.5" });
  const box = new SecretBox(keyFromEnvValue(SECRETS_KEY));
  const project = await app.db.project.create({ data: { key: "STORM", name: "Storm" } });
  const connection = await app.db.jiraConnection.create({
    data: {
      name: "fake",
      baseUrl: jira.url,
      email: FAKE_JIRA_DEFAULTS.email,
      tokenEncrypted: box.seal(FAKE_JIRA_DEFAULTS.apiToken),
      webhookSecretEncrypted: box.seal(WEBHOOK_SECRET),
    },
  });
  const jiraFields = {
    jiraConnectionId: connection.id,
    jiraProjectKey: "OPS",
    jiraComponents: ["Backend"],
    jiraTicketsPerHour: 10,
  };
  await app.db.sourceMapping.create({
    data: { source: "sentry", externalProject: "storm-app", projectId: project.id, ...jiraFields },
  });
  glitchtip = await createGlitchTipMapping(app.db, {
    projectId: project.id,
    externalProject: "acme/storm",
    jiraProjectKey: "OPS",
  });
  await app.db.sourceMapping.update({ where: { id: glitchtip.id }, data: jiraFields });
});

afterAll(async () => {
  await app?.stop();
  await jira?.stop();
});

const createCalls = () => jira.calls.filter((call) => call.method === "POST" && call.path === "/rest/api/3/issue");
const transitionCalls = () => jira.calls.filter((call) => call.method === "POST" && call.path.endsWith("/transitions"));
// Every jira.sync job done and the fake Jira quiet: whatever the worker would still send has been sent.
const settle = () => untilIdle(app.db, [QUEUES.jiraSync.name], () => jira.calls.length);

describe("a storm of deliveries for one error", () => {
  it("1,000 Sentry and 1,000 GlitchTip deliveries, 50 at a time → one issue per source, one Jira create each", async () => {
    const sentryBody = JSON.stringify(
      sentryIssuePayload({ id: "880001", slug: "storm-app", title: "TypeError: storm" }),
    );
    const glitchtipBody = glitchtipAlert([
      glitchtipAttachment({ id: 880002, title: "ValueError: storm", fields: [{ title: "Project", value: "storm" }] }),
    ]);
    const jobs = Array.from({ length: 2_000 }, (_, index) =>
      index % 2 === 0
        ? () => postSentry(app.url, sentryBody)
        : () => postGlitchTip(app.url, glitchtip.id, glitchtip.token, glitchtipBody),
    );
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < jobs.length) {
          const response = await jobs[next++]!();
          statuses.push(response.status);
          await response.arrayBuffer();
        }
      }),
    );
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const links = await app.db.externalIssue.findMany({
      where: { externalId: { in: ["880001", "glitchtip.example.com:880002"] } },
    });
    expect(links).toHaveLength(2);
    expect(
      await app.db.issue.count({
        where: { projectId: (await app.db.project.findUniqueOrThrow({ where: { key: "STORM" } })).id },
      }),
    ).toBe(2);
    await eventually(
      "both tickets",
      async () => (await app.db.jiraTicket.count({ where: { state: "created" } })) === 2,
    );
    await settle();
    expect(createCalls()).toHaveLength(2);
    expect(jira.calls.filter((call) => call.path.includes("/search"))).toHaveLength(0);
    expect(await app.db.webhookDelivery.count({ where: { outcome: "created" } })).toBe(2);

    // Once the tickets exist, a repeat delivery's answer names them.
    const tickets = await app.db.jiraTicket.findMany({ include: { issue: { include: { externalIssues: true } } } });
    const ticketOf = (externalId: string) =>
      tickets.find((ticket) => ticket.issue.externalIssues.some((link) => link.externalId === externalId))!;
    const sentryTicket = ticketOf("880001");
    expect(sentryTicket.ticketKey).toMatch(/^OPS-\d+$/);
    const repeatSentry = await postSentry(app.url, sentryBody);
    expect(await repeatSentry.json()).toMatchObject({
      deduplicated: true,
      jira: { key: sentryTicket.ticketKey, url: sentryTicket.ticketUrl },
    });
    const glitchtipTicket = ticketOf("glitchtip.example.com:880002");
    const repeatGlitchTip = await postGlitchTip(app.url, glitchtip.id, glitchtip.token, glitchtipBody);
    expect(await repeatGlitchTip.json()).toMatchObject({
      items: [{ deduplicated: true, jira: { key: glitchtipTicket.ticketKey } }],
    });
  }, 240_000);
});

describe("two-way status", () => {
  it("closing in Jira closes the issue, a regression reopens the ticket, and neither echoes back", async () => {
    const id = "880100";
    const created = await (
      await postSentry(
        app.url,
        JSON.stringify(sentryIssuePayload({ id, slug: "storm-app", title: "RangeError: two-way" })),
      )
    ).json();
    const ticket = await eventually("the ticket", () =>
      app.db.jiraTicket.findFirst({ where: { issueId: created.issue.id, state: "created" } }),
    );
    const key = ticket.ticketKey!;

    // Someone closes the ticket in Jira; Jira tells us.
    jira.setTicketStatus(key, "Done");
    const identifier = `close-${key}`;
    const closed = await postJiraWebhook(
      app.url,
      jiraStatusChange(key, { name: "Done", category: "done", resolution: "Done" }),
      { secret: WEBHOOK_SECRET, identifier },
    );
    expect(closed.status).toBe(200);
    expect((await app.db.issue.findUniqueOrThrow({ where: { id: created.issue.id } })).status).toBe("done");
    // Jira retries the same delivery: stored once, acted on once.
    const replay = await postJiraWebhook(
      app.url,
      jiraStatusChange(key, { name: "Done", category: "done", resolution: "Done" }),
      { secret: WEBHOOK_SECRET, identifier },
    );
    expect(await replay.json()).toMatchObject({ success: true, duplicate: true });
    expect(
      await app.db.webhookDelivery.count({ where: { source: "jira", dedupKey: { endsWith: `:${identifier}` } } }),
    ).toBe(1);
    await settle();
    expect(transitionCalls()).toHaveLength(0); // no ping-pong

    // Sentry reports a regression: the issue reopens and so does the ticket, by its reopen transition.
    await postSentry(
      app.url,
      JSON.stringify(
        sentryIssuePayload({
          id,
          slug: "storm-app",
          title: "RangeError: two-way",
          action: "unresolved",
          substatus: "regressed",
        }),
      ),
    );
    expect((await app.db.issue.findUniqueOrThrow({ where: { id: created.issue.id } })).status).toBe("todo");
    await eventually("the ticket to reopen", async () => jira.tickets.get(key)!.statusName === "To Do");
    expect(transitionCalls().map((call) => (call.body as { transition: { id: string } }).transition.id)).toEqual([
      "51",
    ]);

    // Jira reports the reopen it just did: already in agreement, nothing moves either side.
    await postJiraWebhook(app.url, jiraStatusChange(key, { name: "To Do", category: "new" }), {
      secret: WEBHOOK_SECRET,
    });
    await settle();
    expect(transitionCalls()).toHaveLength(1);
    expect((await app.db.issue.findUniqueOrThrow({ where: { id: created.issue.id } })).status).toBe("todo");
  }, 90_000);

  it("ignores comments and stale echoes; redelivers what was never finished", async () => {
    const created = await (
      await postSentry(
        app.url,
        JSON.stringify(sentryIssuePayload({ id: "880200", slug: "storm-app", title: "Comment noise" })),
      )
    ).json();
    const ticket = await eventually("the ticket", () =>
      app.db.jiraTicket.findFirst({ where: { issueId: created.issue.id, state: "created" } }),
    );
    const key = ticket.ticketKey!;
    const status = async () => (await app.db.issue.findUniqueOrThrow({ where: { id: created.issue.id } })).status;

    // A comment on a ticket that is (already) Done carries the status but no status change.
    const comment = {
      ...jiraStatusChange(key, { name: "Done", category: "done", resolution: "Done" }),
      issue_event_type_name: "issue_commented",
      changelog: undefined,
    };
    expect(await (await postJiraWebhook(app.url, comment, { secret: WEBHOOK_SECRET })).json()).toMatchObject({
      message: expect.stringMatching(/not a status change/),
    });
    // An event from before our last sync (e.g. the late echo of our own transition).
    const stale = {
      ...jiraStatusChange(key, { name: "Done", category: "done", resolution: "Done" }),
      timestamp: ticket.updatedAt.getTime() - 60_000,
    };
    expect(await (await postJiraWebhook(app.url, stale, { secret: WEBHOOK_SECRET })).json()).toMatchObject({
      message: expect.stringMatching(/older than our last sync/),
    });
    expect(await status()).toBe("triage");

    // A delivery stored but never finished (the process died) is processed when Jira sends it again.
    const connection = await app.db.jiraConnection.findUniqueOrThrow({ where: { name: "fake" } });
    const body = jiraStatusChange(key, { name: "Done", category: "done", resolution: "Done" });
    await app.db.webhookDelivery.create({
      data: {
        source: "jira",
        headers: {},
        rawBody: JSON.stringify(body),
        outcome: "failed",
        dedupKey: `${connection.id}:unfinished-1`,
      },
    });
    const redelivered = await postJiraWebhook(app.url, body, { secret: WEBHOOK_SECRET, identifier: "unfinished-1" });
    expect(await redelivered.json()).toMatchObject({ success: true, message: expect.stringMatching(/closed in Jira/) });
    expect(await status()).toBe("done");
    expect(
      await app.db.webhookDelivery.count({ where: { source: "jira", dedupKey: `${connection.id}:unfinished-1` } }),
    ).toBe(1);
  }, 60_000);

  it("follows a ticket moved to another Jira project: the webhook under its new key still closes the issue", async () => {
    const created = await (
      await postSentry(
        app.url,
        JSON.stringify(sentryIssuePayload({ id: "880300", slug: "storm-app", title: "Moved ticket" })),
      )
    ).json();
    const ticket = await eventually("the ticket", () =>
      app.db.jiraTicket.findFirst({ where: { issueId: created.issue.id, state: "created" } }),
    );
    jira.addProject({ key: "SUP", name: "Support" });
    const moved = jira.moveTicket(ticket.ticketKey!, "SUP");
    jira.setTicketStatus(moved.key, "Done");
    const answer = await postJiraWebhook(
      app.url,
      jiraStatusChange(moved.key, { name: "Done", category: "done", resolution: "Done" }, moved.id),
      { secret: WEBHOOK_SECRET },
    );
    expect(await answer.json()).toMatchObject({
      success: true,
      message: expect.stringMatching(new RegExp(`${moved.key} closed in Jira`)),
    });
    expect((await app.db.issue.findUniqueOrThrow({ where: { id: created.issue.id } })).status).toBe("done");
    const after = await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId: created.issue.id } });
    expect(after.ticketKey).toBe(moved.key);
    expect(after.ticketUrl).toBe(`${jira.url}/browse/${moved.key}`);
    expect(
      await app.db.externalIssue.findFirst({ where: { issueId: created.issue.id, source: "jira" } }),
    ).toMatchObject({ externalUrl: `${jira.url}/browse/${moved.key}` });
    // The next Sentry retry names the ticket by its new key.
    const repeat = await postSentry(
      app.url,
      JSON.stringify(sentryIssuePayload({ id: "880300", slug: "storm-app", title: "Moved ticket" })),
    );
    expect(await repeat.json()).toMatchObject({ jira: { key: moved.key } });
  }, 60_000);

  it("rejects unsigned, wrongly signed and malformed Jira webhooks with a clear 4xx", async () => {
    const body = jiraStatusChange("OPS-999", { name: "Done", category: "done" });
    const unsigned = await postJiraWebhook(app.url, body, { signature: null });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: "Missing X-Hub-Signature header" });
    expect((await postJiraWebhook(app.url, body, { secret: "wrong" })).status).toBe(401);
    const malformed = await postJiraWebhook(app.url, "{not json", { secret: WEBHOOK_SECRET });
    expect(malformed.status).toBe(400);
    const wrongTypes = await postJiraWebhook(app.url, { webhookEvent: 42 }, { secret: WEBHOOK_SECRET });
    expect(wrongTypes.status).toBe(400);
    const unknown = await postJiraWebhook(app.url, body, { secret: WEBHOOK_SECRET });
    expect(await unknown.json()).toMatchObject({
      success: true,
      message: expect.stringMatching(/not a ticket we opened/),
    });
    const huge = await postJiraWebhook(app.url, "x".repeat(1024 * 1024 + 10), { secret: WEBHOOK_SECRET });
    expect(huge.status).toBe(413);
  });
});
