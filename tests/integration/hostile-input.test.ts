// Inputs that answered 500 (issue 11 §3), against the real server: each now gets a 4xx with a JSON
// reason (or, for a WebSocket upgrade, an ordinary HTTP answer), and none stores anything beyond the
// rejected delivery. The next-auth cases live with the session tests.
import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { startTestApp, type TestApp } from "../support/app";
import {
  createGlitchTipMapping,
  glitchtipAlert,
  glitchtipAttachment,
  postBridge,
  postGlitchTip,
} from "../support/glitchtip";
import { jiraStatusChange, postJiraWebhook } from "../support/jira-webhook";
import { rawRequest, WEBSOCKET_UPGRADE } from "../support/raw-http";
import { postSentry, sentryIssuePayload } from "../support/sentry";
import { type CookieJar, ensureUser, signIn } from "../support/session";

const SECRETS_KEY = randomBytes(32).toString("hex");
const WEBHOOK_SECRET = "jira-webhook-secret";
const ADMIN = { email: "admin@hostile.test", password: "correct horse battery", role: "admin" as const };
let app: TestApp;
let admin: CookieJar;
let glitchtip: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp("hostile_input", { SECRETS_KEY, WORKER_IN_WEB: "false" });
  const project = await app.db.project.create({ data: { key: "HOST", name: "Hostile" } });
  const box = new SecretBox(keyFromEnvValue(SECRETS_KEY));
  const connection = await app.db.jiraConnection.create({
    data: {
      name: "site",
      baseUrl: "http://127.0.0.1:9",
      email: "bot@acme.test",
      tokenEncrypted: box.seal("t"),
      webhookSecretEncrypted: box.seal(WEBHOOK_SECRET),
    },
  });
  glitchtip = await createGlitchTipMapping(app.db, {
    projectId: project.id,
    externalProject: "acme/web",
    jiraProjectKey: "OPS",
  });
  await app.db.sourceMapping.update({ where: { id: glitchtip.id }, data: { jiraConnectionId: connection.id } });
  await ensureUser(app.db, ADMIN);
  admin = await signIn(app.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await app?.stop();
});

/** What the database holds besides rejected deliveries: none of the hostile requests may add to it. */
async function stored() {
  const [issues, externalIssues, users, tickets] = await Promise.all([
    app.db.issue.count(),
    app.db.externalIssue.count(),
    app.db.user.count(),
    app.db.jiraTicket.count(),
  ]);
  return { issues, externalIssues, users, tickets };
}

async function answer(response: Response) {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the assertion shows the text
  }
  return { status: response.status, body };
}

const errorJson = (pattern: RegExp) => ({ error: expect.stringMatching(pattern) });

describe("undecodable percent-encoding in a path", () => {
  const paths = [
    "/api/glitchtip/webhook/%ff",
    "/api/v1/alert/%ff",
    "/issues/%ff",
    "/api/admin/mappings/%ff",
    "/api/admin/mappings/%ED%A0%80",
    "/issues/%00",
  ];

  it.each(paths)("%s → 400 with a reason, signed in or not, for every method", async (path) => {
    const before = await stored();
    for (const cookie of [undefined, admin.header()]) {
      for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
        const response = await fetch(`${app.url}${path}`, {
          method,
          headers: cookie ? { cookie } : {},
          ...(method === "GET" || method === "DELETE" ? {} : { body: "{}" }),
        });
        expect(await answer(response), `${method} ${path}`).toEqual({ status: 400, body: errorJson(/^Malformed URL/) });
      }
    }
    expect(await stored()).toEqual(before);
  });

  it("a well-encoded path still reaches its route", async () => {
    expect(
      (await fetch(`${app.url}/api/admin/mappings/%E2%82%AC`, { headers: { cookie: admin.header() } })).status,
    ).toBe(404);
  });
});

describe("TRACE", () => {
  it.each([
    "/api/sentry/webhook",
    "/api/glitchtip/webhook/x",
    "/api/v1/alert/OPS",
    "/api/jira/webhook",
    "/api/health",
    "/api/admin/projects",
    "/issues",
    "/signin",
    "/setup",
    "/",
  ])("TRACE %s → 405 with Allow and a reason", async (path) => {
    const reply = await rawRequest(app.url, `TRACE ${path} HTTP/1.1\r\nHost: 127.0.0.1`);
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toMatch(/GET, HEAD, POST/);
    expect(JSON.parse(reply.body)).toEqual({ error: "Method TRACE is not allowed" });
  });
});

describe("WebSocket upgrade on a webhook route", () => {
  it.each(["/api/sentry/webhook", `/api/glitchtip/webhook/MAPPING`])(
    "GET %s with Upgrade: websocket is answered like a plain GET",
    async (template) => {
      const path = template.replace("MAPPING", glitchtip.id);
      const reply = await rawRequest(app.url, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${WEBSOCKET_UPGRADE}`);
      expect(reply.timedOut).toBe(false);
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('"status":"ok"');
    },
  );

  it("an unsigned POST with Upgrade: websocket gets the webhook's own 401, and creates nothing", async () => {
    const before = await stored();
    const body = JSON.stringify(sentryIssuePayload({ id: "424242" }));
    const reply = await rawRequest(
      app.url,
      `POST /api/sentry/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n${WEBSOCKET_UPGRADE}\r\nContent-Type: application/json\r\nSentry-Hook-Resource: issue\r\nContent-Length: ${Buffer.byteLength(body)}`,
      body,
    );
    expect(reply.status).toBe(401);
    expect(reply.body).toContain("Missing Sentry-Hook-Signature header");
    expect(await stored()).toEqual(before);
  });
});

describe("the setup server action called with the wrong arguments", () => {
  /** The action's id, as the built page's client code posts it in the Next-Action header. */
  function setupActionId(): string {
    const manifest = JSON.parse(
      readFileSync(
        join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "server/server-reference-manifest.json"),
        "utf8",
      ),
    ) as {
      node: Record<string, { exportedName?: string; filename?: string }>;
    };
    const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === "setupAction")?.[0];
    if (!id) throw new Error("setupAction is not in the server reference manifest");
    return id;
  }

  it.each([
    ["a string instead of the form", '[{}, "not a form"]'],
    ["no arguments", "[]"],
    ["an object", '[{}, {"name": "x", "email": "a@b.c", "password": "p"}]'],
  ])("%s → a clean error state, no account", async (_label, args) => {
    const before = await stored();
    const response = await fetch(`${app.url}/setup`, {
      method: "POST",
      headers: {
        "next-action": setupActionId(),
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
      },
      body: args,
      redirect: "manual",
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBeLessThan(500);
    expect(text).toContain("Send the setup form's fields");
    expect(await stored()).toEqual(before);
  });

  it.each([
    ["from another site", "https://evil.example", 403, "Cross-origin server action refused"],
    ["from an opaque origin", "null", 403, "Cross-origin server action refused"],
    ["with an Origin that is no URL", "", 400, "Malformed Origin header"],
  ])("posted %s → %i with a reason (Next itself answers 500)", async (_label, origin, status, error) => {
    const before = await stored();
    const response = await fetch(`${app.url}/setup`, {
      method: "POST",
      headers: { "next-action": setupActionId(), "content-type": "text/plain;charset=UTF-8", origin },
      body: '[{}, "x"]',
      redirect: "manual",
    });
    expect(await answer(response)).toEqual({ status, body: { error } });
    expect(await stored()).toEqual(before);
  });
});

describe("the credentials callback by GET", () => {
  it("→ 405 with Allow: POST, where next-auth answers 500", async () => {
    const response = await fetch(`${app.url}/api/auth/callback/credentials`);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await answer(response)).toEqual({ status: 405, body: { error: expect.stringMatching(/POST/) } });
  });
});

describe("signed Sentry input with dates outside years 1–9999", () => {
  it("a Sentry-Hook-Timestamp in milliseconds or past year 9999 counts as the receipt time", async () => {
    const id = "770001";
    const created = await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id })), {
      headers: { "sentry-hook-timestamp": "253402300800" },
    });
    expect(created.status).toBe(200);
    for (const timestamp of [String(Date.now()), "253402300800", "1e400"]) {
      const resolved = await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id, action: "resolved" })), {
        headers: { "sentry-hook-timestamp": timestamp },
      });
      expect(await answer(resolved), timestamp).toMatchObject({ status: 200, body: { success: true } });
    }
    const events = await app.db.externalIssueEvent.findMany({ where: { externalId: id } });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.occurredAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("a lastSeen or firstSeen of +275760 is treated as unknown", async () => {
    const payload = sentryIssuePayload({ id: "770002", action: "unresolved", substatus: "regressed" });
    Object.assign(payload.data.issue, {
      lastSeen: "+275760-09-13T00:00:00.000Z",
      firstSeen: "-271821-04-20T00:00:00.000Z",
    });
    const response = await postSentry(app.url, JSON.stringify(payload));
    expect(await answer(response)).toMatchObject({
      status: 200,
      body: { success: true, issue: { identifier: expect.any(String) } },
    });
    const issue = await app.db.issue.findFirstOrThrow({
      where: { externalIssues: { some: { externalId: "770002" } } },
    });
    expect(issue.description).not.toContain("275760");
  });
});

describe("ids longer than an index holds", () => {
  // Random digits: a repeated character compresses below the index limit and would not show the problem.
  const longDigits = (length: number) => Array.from({ length }, () => randomInt(10)).join("");

  it("a 5,000-character Sentry issue id → 400 naming the field", async () => {
    const before = await stored();
    const response = await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id: longDigits(5_000) })));
    expect(await answer(response)).toEqual({
      status: 400,
      body: expect.objectContaining({
        success: false,
        error: expect.stringMatching(/^Invalid payload: data\.issue\.id: must be at most 200 characters/),
      }),
    });
    expect(await stored()).toEqual(before);
  });

  it("a GlitchTip link with a 5,000-digit id → 400 naming the field", async () => {
    const before = await stored();
    const response = await postGlitchTip(
      app.url,
      glitchtip.id,
      glitchtip.token,
      glitchtipAlert([glitchtipAttachment({ id: longDigits(5_000) })]),
    );
    expect(await answer(response)).toEqual({
      status: 400,
      body: expect.objectContaining({
        error: expect.stringMatching(/attachments\.0\.title_link: must be at most 2048 characters/),
      }),
    });
    expect(await stored()).toEqual(before);
  });

  it("a 6,000-character Jira webhook identifier, key or id → 400 naming it", async () => {
    const before = await stored();
    const body = jiraStatusChange("OPS-1", { name: "Done", category: "done" });
    const identifier = await postJiraWebhook(app.url, body, { secret: WEBHOOK_SECRET, identifier: longDigits(6_000) });
    expect(await answer(identifier)).toEqual({
      status: 400,
      body: { success: false, error: "X-Atlassian-Webhook-Identifier must be at most 200 characters" },
    });
    const key = await postJiraWebhook(
      app.url,
      jiraStatusChange(`OPS-${longDigits(6_000)}`, { name: "Done", category: "done" }, "1"),
      { secret: WEBHOOK_SECRET },
    );
    expect(await answer(key)).toEqual({
      status: 400,
      body: { success: false, error: "Invalid payload: issue.key: must be at most 200 characters" },
    });
    const id = await postJiraWebhook(
      app.url,
      jiraStatusChange("OPS-1", { name: "Done", category: "done" }, longDigits(6_000)),
      { secret: WEBHOOK_SECRET },
    );
    expect(await answer(id)).toEqual({
      status: 400,
      body: { success: false, error: "Invalid payload: issue.id: must be at most 200 characters" },
    });
    expect(await stored()).toEqual(before);
  });
});

describe("NUL and lone surrogates", () => {
  it("the bridge's ?labels=a%00b is dropped from the ticket fields; the alert is taken", async () => {
    const response = await postBridge(
      app.url,
      "OPS",
      glitchtip.token,
      glitchtipAlert([glitchtipAttachment({ id: 880001 })]),
      {
        query: { labels: "a\u0000b,fine", components: "\u0000", issue_type: "Bug\u0000" },
      },
    );
    expect(response.status).toBe(202);
    const ticket = await app.db.jiraTicket.findFirstOrThrow({
      where: { issue: { externalIssues: { some: { externalId: { endsWith: ":880001" } } } } },
    });
    expect(JSON.stringify(ticket.options)).not.toMatch(/\\u0000|a.b/);
    expect(ticket.options).toMatchObject({ labels: expect.arrayContaining(["fine"]) });
  });

  it("a signed Jira webhook with NUL and lone surrogates in its fields is answered, not a 500", async () => {
    const before = await stored();
    for (const key of ["OPS-\u00001", "OPS-\ud8001", "\udfff"]) {
      const body = jiraStatusChange(
        key,
        { name: "Do\u0000ne\ud800", category: "done", resolution: "\udc00" },
        `1\u0000`,
      );
      const response = await postJiraWebhook(app.url, body, { secret: WEBHOOK_SECRET });
      expect(await answer(response), JSON.stringify(key)).toMatchObject({
        status: 200,
        body: { success: true, message: expect.stringMatching(/not a ticket we opened/) },
      });
    }
    expect(await stored()).toEqual(before);
  });
});
