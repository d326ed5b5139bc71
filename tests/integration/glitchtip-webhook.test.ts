// GlitchTip alerts through both URLs against the real server and PostgreSQL: every fixture, the URL
// secret (401 and only a bounded rejection record otherwise, never the secret stored or logged), one
// issue per attachment, the bridge's 202 and ticket fields, and the same body limits as Sentry's.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { startTestApp, type TestApp } from "../support/app";
import {
  createGlitchTipMapping,
  GLITCHTIP_ALERT_FIXTURES,
  glitchtipAlert,
  glitchtipAttachment,
  postBridge,
  postGlitchTip,
  readGlitchTipFixture,
} from "../support/glitchtip";

const SECRETS_KEY = randomBytes(32).toString("hex");
let app: TestApp;
let projectId: string;
let main: { id: string; token: string };
let other: { id: string; token: string };
const tokens: string[] = [];

beforeAll(async () => {
  // The worker stays off: Jira tickets are queued (jira_ticket rows) but no Jira is contacted.
  app = await startTestApp("glitchtip", { SECRETS_KEY, WORKER_IN_WEB: "false" });
  projectId = (await app.db.project.create({ data: { key: "GT", name: "GlitchTip" } })).id;
  const otherProject = await app.db.project.create({ data: { key: "OTH", name: "Other" } });
  const connection = await app.db.jiraConnection.create({
    data: {
      name: "test-jira",
      baseUrl: "http://127.0.0.1:9",
      email: "bot@acme.test",
      tokenEncrypted: new SecretBox(keyFromEnvValue(SECRETS_KEY)).seal("jira-token"),
    },
  });
  main = await createGlitchTipMapping(app.db, { projectId, externalProject: "web-api", jiraProjectKey: "OPS" });
  await app.db.sourceMapping.update({ where: { id: main.id }, data: { jiraConnectionId: connection.id } });
  other = await createGlitchTipMapping(app.db, {
    projectId: otherProject.id,
    externalProject: "other-app",
    jiraProjectKey: "OTHER",
  });
  tokens.push(main.token, other.token);
});

afterAll(async () => {
  // The secrets never reach the server's output (logs).
  for (const token of tokens) expect(app?.server.output() ?? "").not.toContain(token);
  await app?.stop();
});

async function json(response: Response) {
  return { status: response.status, body: await response.json() };
}

async function lastDelivery() {
  return app.db.webhookDelivery.findFirstOrThrow({ where: { source: "glitchtip" }, orderBy: { receivedAt: "desc" } });
}

async function lastRejection() {
  return app.db.webhookRejection.findFirstOrThrow({ where: { source: "glitchtip" }, orderBy: { lastSeenAt: "desc" } });
}

const rejectionsCounted = async () =>
  (await app.db.webhookRejection.aggregate({ _sum: { count: true } }))._sum.count ?? 0;

function expectNoSecret(row: unknown) {
  const text = JSON.stringify(row);
  for (const token of tokens) expect(text).not.toContain(token);
}

describe("health", () => {
  it("GET answers a small health JSON without a session", async () => {
    const response = await fetch(`${app.url}/api/glitchtip/webhook/${main.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", endpoint: "/api/glitchtip/webhook/{mapping}" });
  });
});

describe("every fixture through both URLs", () => {
  it.each(GLITCHTIP_ALERT_FIXTURES)(
    "%s: the webhook URL creates the issue, the bridge URL finds it (202)",
    async (name) => {
      const body = readGlitchTipFixture(name);
      const first = await json(await postGlitchTip(app.url, main.id, main.token, body));
      expect(first.status).toBe(200);
      expect(first.body.success).toBe(true);
      expect(first.body.items).toHaveLength(1);
      const createdItem = first.body.items[0];
      expect(createdItem.deduplicated).toBeUndefined();
      expect(createdItem.issue.identifier).toMatch(/^GT-\d+$/);

      const issue = await app.db.issue.findUniqueOrThrow({
        where: { id: createdItem.issue.id },
        include: { labels: { include: { label: true } }, externalIssues: true },
      });
      expect(issue.projectId).toBe(projectId);
      expect(issue.labels.map((link) => link.label.name)).toEqual(["GlitchTip"]);
      expect(issue.externalIssues[0]).toMatchObject({ source: "glitchtip", externalId: createdItem.glitchtip.id });
      expect(`${issue.title}\n${issue.description}`).not.toMatch(/undefined|null/);

      const stored = await lastDelivery();
      expect(stored).toMatchObject({
        outcome: "created",
        issueId: issue.id,
        externalId: createdItem.glitchtip.id,
        rawBody: body.toString("utf8"),
      });
      expect(stored.headers).toEqual({
        "content-type": "application/json",
        "user-agent": "python-requests/2.32.3",
        "x-tracker-mapping": main.id,
      });
      expectNoSecret(stored);

      const again = await json(await postBridge(app.url, "OPS", main.token, body, { tokenIn: "bearer" }));
      expect(again.status).toBe(202);
      expect(again.body.items[0]).toMatchObject({
        deduplicated: true,
        issue: createdItem.issue,
        message: `Issue already tracked as ${createdItem.issue.identifier}`,
      });
      const bridged = await lastDelivery();
      expect(bridged.outcome).toBe("deduplicated");
      expect(bridged.headers).toMatchObject({
        "x-tracker-origin": "glitchtip-jira-bridge",
        "x-tracker-mapping": main.id,
      });
      expect(bridged.headers).not.toHaveProperty("authorization");
      expectNoSecret(bridged);
    },
  );

  it("a repeated alert for an open issue is a plain duplicate: no comment", async () => {
    const body = readGlitchTipFixture("alert_glitchtip_6.2x_real.json");
    const reply = await json(await postGlitchTip(app.url, main.id, main.token, body, { tokenIn: "bearer" }));
    expect(reply.body.items[0].deduplicated).toBe(true);
    expect(await app.db.comment.count()).toBe(0);
  });
});

describe("the URL secret", () => {
  const body = () => JSON.stringify(glitchtipAlert([glitchtipAttachment({ id: 5000 })]));

  async function expectUnauthorized(response: Response) {
    expect(await json(response)).toEqual({ status: 401, body: { success: false, error: "Invalid or missing token" } });
    // Unauthenticated: a bounded rejection record (no delivery row), the query (and its token) left out of the endpoint.
    const stored = await lastRejection();
    expect(stored).toMatchObject({ reason: "Invalid or missing token", clientAddress: "127.0.0.1" });
    expect(stored.endpoint).toMatch(/^\/api\/(glitchtip\/webhook|v1\/alert)\/[^?]+$/);
    // No mapping accepted it; a bridge delivery says where it came from.
    expect(
      Object.keys(stored.headers as object)
        .filter((name) => name !== "x-tracker-origin")
        .sort(),
    ).toEqual(["content-type", "user-agent"]);
    expectNoSecret(stored);
  }

  it.each([
    ["a wrong token", () => postGlitchTip(app.url, main.id, "not-the-secret", body())],
    ["no token", () => postGlitchTip(app.url, main.id, "", body(), { tokenIn: "none" })],
    [
      "a wrong Bearer token (it wins over the query)",
      () => postGlitchTip(app.url, main.id, "wrong", body(), { tokenIn: "bearer", query: { token: "also-wrong" } }),
    ],
    ["another mapping's token", () => postGlitchTip(app.url, main.id, other.token, body())],
    ["an unknown mapping id", () => postGlitchTip(app.url, "00000000-0000-4000-8000-000000000000", main.token, body())],
    ["the bridge with another Jira key", () => postBridge(app.url, "OTHER", main.token, body())],
    ["the bridge with a wrong token", () => postBridge(app.url, "OPS", "nope", body())],
    ["a bad token even when the body is not JSON", () => postGlitchTip(app.url, main.id, "nope", "{not json")],
  ])("401 for %s, and nothing but the rejection is recorded", async (_name, send) => {
    const before = {
      issues: await app.db.issue.count(),
      links: await app.db.externalIssue.count(),
      deliveries: await app.db.webhookDelivery.count(),
      rejections: await rejectionsCounted(),
    };
    await expectUnauthorized(await send());
    expect(await app.db.issue.count()).toBe(before.issues);
    expect(await app.db.externalIssue.count()).toBe(before.links);
    expect(await app.db.webhookDelivery.count()).toBe(before.deliveries);
    expect(await rejectionsCounted()).toBe(before.rejections + 1);
  });

  it("a Sentry mapping's hashed secret does not open the GlitchTip URL", async () => {
    const sentryMapping = await createGlitchTipMapping(app.db, { projectId, externalProject: "sentry-side" });
    await app.db.sourceMapping.update({ where: { id: sentryMapping.id }, data: { source: "sentry" } });
    tokens.push(sentryMapping.token);
    await expectUnauthorized(await postGlitchTip(app.url, sentryMapping.id, sentryMapping.token, body()));
  });

  it("the right token in the Bearer header works as well as in the query", async () => {
    const reply = await json(await postGlitchTip(app.url, main.id, main.token, body(), { tokenIn: "bearer" }));
    expect(reply.status).toBe(200);
    expect(reply.body.items[0].glitchtip.id).toBe("glitchtip.example.com:5000");
  });
});

describe("items", () => {
  it("a 3-attachment message creates 3 issues, answered item by item", async () => {
    const before = await app.db.issue.count();
    const body = glitchtipAlert([
      glitchtipAttachment({ id: 6001 }),
      glitchtipAttachment({ id: 6002, culprit: null }),
      glitchtipAttachment({ id: 6003, fields: null }),
    ]);
    const reply = await json(await postGlitchTip(app.url, main.id, main.token, body));
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((item: { glitchtip: { id: string } }) => item.glitchtip.id)).toEqual([
      "glitchtip.example.com:6001",
      "glitchtip.example.com:6002",
      "glitchtip.example.com:6003",
    ]);
    expect(new Set(reply.body.items.map((item: { issue: { identifier: string } }) => item.issue.identifier)).size).toBe(
      3,
    );
    expect(await app.db.issue.count()).toBe(before + 3);
    const stored = await lastDelivery();
    expect(stored.outcome).toBe("created");
    expect(stored.reason).toMatch(
      /^glitchtip\.example\.com:6001: created GT-\d+; glitchtip\.example\.com:6002: created GT-\d+; glitchtip\.example\.com:6003: created GT-\d+$/,
    );
  });

  it("non-ASCII and markup arrive intact in the title and escaped in the description", async () => {
    const title = "<script>alert('x')</script> 생존 신호 — Ünïcödé";
    const reply = await json(
      await postGlitchTip(app.url, main.id, main.token, glitchtipAlert([glitchtipAttachment({ id: 6100, title })])),
    );
    const issue = await app.db.issue.findUniqueOrThrow({ where: { id: reply.body.items[0].issue.id } });
    expect(issue.title).toBe(`[web-api] ${title}`);
    expect(issue.description).toContain("**Title:** \\<script\\>alert('x')\\</script\\> 생존 신호 — Ünïcödé");
  });
});

describe("the glitchtip-jira-bridge URL", () => {
  it("answers 202 and queues the Jira ticket with the query's labels, components and issue type", async () => {
    const reply = await json(
      await postBridge(app.url, "ops", main.token, glitchtipAlert([glitchtipAttachment({ id: 7001 })]), {
        query: { labels: "team-x,sre", components: "backend", issue_type: "Task" },
      }),
    );
    expect(reply.status).toBe(202);
    const issueId = reply.body.items[0].issue.id;
    const ticket = await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId } });
    expect(ticket.projectKey).toBe("OPS");
    expect(ticket.options).toMatchObject({ issueType: "Task", labels: ["team-x", "sre"], components: ["backend"] });
    expectNoSecret(await lastDelivery());
  });

  it("without a query the mapping's ticket settings apply", async () => {
    const reply = await json(
      await postBridge(app.url, "OPS", main.token, glitchtipAlert([glitchtipAttachment({ id: 7002 })])),
    );
    expect(reply.status).toBe(202);
    const ticket = await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId: reply.body.items[0].issue.id } });
    expect(ticket.options).toMatchObject({ issueType: "Bug", labels: [], components: [] });
  });
});

describe("bad bodies (with a valid token)", () => {
  it("400 for invalid JSON, recorded as rejected", async () => {
    const reply = await json(await postGlitchTip(app.url, main.id, main.token, '{"attachments": ['));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/^Invalid JSON: /);
    expect((await lastDelivery()).outcome).toBe("rejected");
  });

  it("400 naming the reason for a body with no attachments", async () => {
    const reply = await json(
      await postGlitchTip(app.url, main.id, main.token, { text: "GlitchTip Alert", attachments: [] }),
    );
    expect(reply).toEqual({
      status: 400,
      body: { success: false, error: "Invalid payload: attachments: must list at least one alert" },
    });
    expect(await lastDelivery()).toMatchObject({
      outcome: "rejected",
      reason: "Invalid payload: attachments: must list at least one alert",
    });
  });

  it("400 on the bridge URL too (not 202)", async () => {
    const reply = await json(await postBridge(app.url, "OPS", main.token, { text: "GlitchTip Alert" }));
    expect(reply.status).toBe(400);
  });

  it("413 over 1 MiB, before anything is stored", async () => {
    const before = await app.db.webhookDelivery.count();
    const huge = { ...glitchtipAlert([glitchtipAttachment({ id: 8000 })]), padding: "x".repeat(1024 * 1024) };
    expect(await json(await postGlitchTip(app.url, main.id, main.token, huge))).toEqual({
      status: 413,
      body: { success: false, error: "Request body exceeds 1048576 bytes" },
    });
    expect(await json(await postBridge(app.url, "OPS", main.token, huge))).toMatchObject({ status: 413 });
    expect(await app.db.webhookDelivery.count()).toBe(before);
  });
});
