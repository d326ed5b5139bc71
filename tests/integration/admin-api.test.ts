// The admin API (projects, source mappings, Jira connections) against the real built server and
// PostgreSQL: admin-only access answered as JSON, validation with the field at fault, conflicts, and
// integration secrets that are stored sealed and never come back in any response.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { startTestApp, type TestApp } from "../support/app";
import { ensureUser, SessionClient } from "../support/session";

const SECRETS_KEY = randomBytes(32).toString("hex");
const box = new SecretBox(keyFromEnvValue(SECRETS_KEY));
const ADMIN = { email: "admin-api@example.com", password: "admin-password-1", role: "admin" as const };
const MEMBER = { email: "member-api@example.com", password: "member-password-1", role: "member" as const };

// Plaintexts that must never appear in a response body.
const JIRA_TOKEN = `jira-token-${randomBytes(8).toString("hex")}`;
const JIRA_WEBHOOK_SECRET = `jira-hook-${randomBytes(8).toString("hex")}`;
const GITHUB_TOKEN = `ghp_${randomBytes(12).toString("hex")}`;
const GLITCHTIP_TOKEN = `glitchtip-${randomBytes(12).toString("hex")}`;
const SECRETS = [JIRA_TOKEN, JIRA_WEBHOOK_SECRET, GITHUB_TOKEN, GLITCHTIP_TOKEN];

let app: TestApp;
let admin: SessionClient;
let member: SessionClient;
/** Every response body the admin saw, to prove afterwards that no secret was ever in one. */
const seenBodies: string[] = [];

interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
}

async function call<T = Record<string, unknown>>(response: Promise<Response>): Promise<JsonResponse<T>> {
  const res = await response;
  const text = await res.text();
  seenBodies.push(text);
  if (res.status !== 204) expect(res.headers.get("content-type") ?? "", text).toMatch(/application\/json/);
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function expect400(response: Promise<Response>, ...fragments: string[]) {
  const { status, body } = await call<{ error: string; issues?: { path: string; message: string }[] }>(response);
  expect(status, body.error).toBe(400);
  for (const fragment of fragments) expect(body.error).toContain(fragment);
  return body;
}

beforeAll(async () => {
  app = await startTestApp("admin_api", { SECRETS_KEY });
  await ensureUser(app.db, ADMIN);
  await ensureUser(app.db, MEMBER);
  admin = await SessionClient.signIn(app.url, ADMIN);
  member = await SessionClient.signIn(app.url, MEMBER);
});

afterAll(async () => {
  for (const text of seenBodies) expectNoSecret(text);
  await app?.stop();
});

const someId = randomUUID();
const routes: [string, string][] = [
  ["GET", "/api/admin/projects"],
  ["POST", "/api/admin/projects"],
  ["GET", `/api/admin/projects/${someId}`],
  ["PATCH", `/api/admin/projects/${someId}`],
  ["GET", "/api/admin/mappings"],
  ["POST", "/api/admin/mappings"],
  ["GET", `/api/admin/mappings/${someId}`],
  ["PATCH", `/api/admin/mappings/${someId}`],
  ["DELETE", `/api/admin/mappings/${someId}`],
  ["POST", `/api/admin/mappings/${someId}/webhook-token`],
  ["GET", "/api/admin/jira-connections"],
  ["POST", "/api/admin/jira-connections"],
  ["GET", `/api/admin/jira-connections/${someId}`],
  ["PATCH", `/api/admin/jira-connections/${someId}`],
  ["DELETE", `/api/admin/jira-connections/${someId}`],
];

describe("access", () => {
  it("answers 401 JSON without a session, also with a forged cookie", async () => {
    for (const [method, path] of routes) {
      for (const cookie of [undefined, "next-auth.session-token=forged"]) {
        const response = await fetch(`${app.url}${path}`, {
          method,
          redirect: "manual",
          headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
          body: method === "GET" || method === "DELETE" ? undefined : "{}",
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(await response.json()).toEqual({ error: "Authentication required" });
      }
    }
  });

  it("answers 403 JSON to a member and changes nothing", async () => {
    for (const [method, path] of routes) {
      const response = await member.request(
        method,
        path,
        method === "GET" || method === "DELETE" ? undefined : { key: "NOPE", name: "x" },
      );
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await response.json()).toEqual({ error: "Admin role required" });
    }
    expect(await app.db.project.count({ where: { key: "NOPE" } })).toBe(0);
  });

  it("re-reads the role: a demoted admin is refused at once", async () => {
    const demoted = { email: "demoted-api@example.com", password: "demoted-password-1", role: "admin" as const };
    await ensureUser(app.db, demoted);
    const client = await SessionClient.signIn(app.url, demoted);
    expect((await client.get("/api/admin/projects")).status).toBe(200);
    await app.db.user.update({ where: { email: demoted.email }, data: { role: "member" } });
    expect((await client.get("/api/admin/projects")).status).toBe(403);
  });

  it("refuses a write sent from another origin with the admin's cookies", async () => {
    const response = await admin.request(
      "POST",
      "/api/admin/projects",
      { key: "EVIL", name: "Evil" },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "Cross-origin request refused" });
    const sameOrigin = await admin.request(
      "POST",
      "/api/admin/projects",
      { key: "SAME", name: "Same origin" },
      { origin: app.url },
    );
    expect(sameOrigin.status).toBe(201);
  });
});

describe("projects", () => {
  it("creates, lists and refuses duplicates and bad keys", async () => {
    const created = await call(admin.post("/api/admin/projects", { key: "WEB", name: " Web app " }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: "WEB", name: "Web app", issueCount: 0, mappingCount: 0 });

    const duplicate = await call(admin.post("/api/admin/projects", { key: "WEB", name: "Again" }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe("Project WEB already exists");

    await expect400(
      admin.post("/api/admin/projects", { key: "web", name: "Web" }),
      "key: must be 2-10 upper-case letters/digits",
    );
    await expect400(admin.post("/api/admin/projects", { key: "W", name: "Web" }), "key:");
    await expect400(admin.post("/api/admin/projects", { key: "APP" }), "name: is required");

    const list = await call<{ projects: { key: string }[] }>(admin.get("/api/admin/projects"));
    expect(list.status).toBe(200);
    expect(list.body.projects.map((project) => project.key)).toContain("WEB");
  });

  it("renames through PATCH, and every write is in the audit log under the signed-in admin", async () => {
    const created = await call<{ id: string }>(admin.post("/api/admin/projects", { key: "REN", name: "Before" }));
    const renamed = await call(
      admin.request("PATCH", `/api/admin/projects/${created.body.id}`, { name: "After", key: "RENAMED" }),
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ key: "RENAMED", name: "After" });
    await expect400(
      admin.request("PATCH", `/api/admin/projects/${created.body.id}`, { key: "lower" }),
      "key: must be 2-10",
    );
    await expect400(
      admin.request("PATCH", `/api/admin/projects/${created.body.id}`, { colour: "red" }),
      "Unrecognized key",
    );
    expect((await call(admin.request("PATCH", `/api/admin/projects/${someId}`, { name: "x" }))).status).toBe(404);
    const adminId = (await app.db.user.findUniqueOrThrow({ where: { email: ADMIN.email } })).id;
    const entries = await app.db.adminAuditEntry.findMany({
      where: { targetId: created.body.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true },
    });
    expect(entries).toEqual([
      { action: "project.created", actorId: adminId },
      { action: "project.updated", actorId: adminId },
    ]);
  });
});

describe("Jira connections", () => {
  let connectionId: string;

  it("creates a connection with sealed secrets and shows only that they are set", async () => {
    const created = await call(
      admin.post("/api/admin/jira-connections", {
        name: "Acme Cloud",
        baseUrl: "https://acme.atlassian.net/",
        email: "bot@acme.example",
        token: JIRA_TOKEN,
        webhookSecret: JIRA_WEBHOOK_SECRET,
      }),
    );
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: "Acme Cloud",
      flavor: "cloud",
      baseUrl: "https://acme.atlassian.net",
      email: "bot@acme.example",
      hasToken: true,
      hasWebhookSecret: true,
      status: "unknown",
      statusReason: null,
      mappingCount: 0,
    });
    expect(created.body).not.toHaveProperty("token");
    expect(created.body).not.toHaveProperty("tokenEncrypted");
    connectionId = created.body.id as string;

    const row = await app.db.jiraConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.tokenEncrypted).not.toContain(JIRA_TOKEN);
    expect(box.open(row.tokenEncrypted)).toBe(JIRA_TOKEN);
    expect(box.open(row.webhookSecretEncrypted!)).toBe(JIRA_WEBHOOK_SECRET);

    const list = await call<{ connections: { id: string }[] }>(admin.get("/api/admin/jira-connections"));
    expect(list.body.connections.map((connection) => connection.id)).toEqual([connectionId]);
    expect((await call(admin.get(`/api/admin/jira-connections/${connectionId}`))).body).toMatchObject({
      id: connectionId,
      hasToken: true,
    });
  });

  it("validates: email required for Cloud, token required, URL, unique name", async () => {
    await expect400(
      admin.post("/api/admin/jira-connections", { name: "No email", baseUrl: "https://x.atlassian.net", token: "t" }),
      "email: is required for Jira Cloud",
    );
    await expect400(
      admin.post("/api/admin/jira-connections", {
        name: "No token",
        baseUrl: "https://x.atlassian.net",
        email: "a@b.co",
      }),
      "token:",
    );
    await expect400(
      admin.post("/api/admin/jira-connections", {
        name: "Bad URL",
        baseUrl: "ftp://x",
        flavor: "datacenter",
        token: "t",
      }),
      "baseUrl: must be an http(s) URL",
    );
    await expect400(
      admin.post("/api/admin/jira-connections", {
        name: "Bad flavor",
        baseUrl: "https://x",
        flavor: "server",
        token: "t",
      }),
      "flavor:",
    );
    const dc = await call(
      admin.post("/api/admin/jira-connections", {
        name: "On prem",
        flavor: "datacenter",
        baseUrl: "https://jira.acme.example",
        token: "pat",
      }),
    );
    expect(dc.status, dc.text).toBe(201);
    expect(dc.body).toMatchObject({ flavor: "datacenter", email: null, hasWebhookSecret: false });
    const duplicate = await call(
      admin.post("/api/admin/jira-connections", {
        name: "On prem",
        flavor: "datacenter",
        baseUrl: "https://j",
        token: "pat",
      }),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('A Jira connection named "On prem" already exists');
    expect((await admin.delete(`/api/admin/jira-connections/${dc.body.id as string}`)).status).toBe(204);
  });

  it("shows a broken connection and resets it to unknown when the credentials change", async () => {
    await app.db.jiraConnection.update({
      where: { id: connectionId },
      data: { status: "broken", statusReason: "Jira answered 401 Unauthorized", statusChangedAt: new Date() },
    });
    const broken = await call(admin.get(`/api/admin/jira-connections/${connectionId}`));
    expect(broken.body).toMatchObject({ status: "broken", statusReason: "Jira answered 401 Unauthorized" });

    // A rename is not a credential change.
    const renamed = await call(admin.patch(`/api/admin/jira-connections/${connectionId}`, { name: "Acme" }));
    expect(renamed.body).toMatchObject({ name: "Acme", status: "broken" });

    const newToken = `${JIRA_TOKEN}-2`;
    const fixed = await call(
      admin.patch(`/api/admin/jira-connections/${connectionId}`, { token: newToken, webhookSecret: null }),
    );
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.body).toMatchObject({
      status: "unknown",
      statusReason: null,
      hasToken: true,
      hasWebhookSecret: false,
    });
    const row = await app.db.jiraConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(box.open(row.tokenEncrypted)).toBe(newToken);
    expect(row.webhookSecretEncrypted).toBeNull();

    await expect400(
      admin.patch(`/api/admin/jira-connections/${connectionId}`, { token: null }),
      "token: cannot be cleared",
    );
    await expect400(
      admin.patch(`/api/admin/jira-connections/${connectionId}`, { email: null }),
      "email: is required for Jira Cloud",
    );
  });

  it("404 for unknown ids", async () => {
    for (const id of [randomUUID(), "not-a-uuid"]) {
      expect((await call(admin.get(`/api/admin/jira-connections/${id}`))).status).toBe(404);
      expect((await call(admin.patch(`/api/admin/jira-connections/${id}`, { name: "x" }))).status).toBe(404);
      expect((await call(admin.delete(`/api/admin/jira-connections/${id}`))).status).toBe(404);
    }
  });

  describe("mappings", () => {
    let mappingId: string;

    it("CRUD: create, get, list, partial update, delete", async () => {
      const created = await call(
        admin.post("/api/admin/mappings", {
          source: "sentry",
          externalProject: "web-app",
          projectKey: "WEB",
          githubRepo: "acme/web",
          githubPathPrefix: "apps/web/",
          githubToken: GITHUB_TOKEN,
          jiraConnectionId: connectionId,
          jiraProjectKey: "OPS",
          jiraLabels: ["from-sentry", " web "],
          jiraComponents: ["Frontend"],
          jiraPriorities: { P1: "Highest", P2: "High" },
          jiraTicketsPerHour: 25,
          onResolve: "comment",
          escalationPriority: "P1",
        }),
      );
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({
        source: "sentry",
        externalProject: "web-app",
        project: { key: "WEB", name: "Web app" },
        githubRepo: "acme/web",
        githubPathPrefix: "apps/web/",
        hasGithubToken: true,
        hasGlitchtipToken: false,
        hasWebhookToken: false,
        jiraConnectionId: connectionId,
        jiraConnection: { id: connectionId, name: "Acme", status: "unknown" },
        jiraProjectKey: "OPS",
        jiraIssueType: "Bug",
        jiraLabels: ["from-sentry", "web"],
        jiraComponents: ["Frontend"],
        jiraPriorities: { P1: "Highest", P2: "High" },
        jiraTicketsPerHour: 25,
        onResolve: "comment",
        escalationPriority: "P1",
      });
      expect(created.body).not.toHaveProperty("webhook");
      expect(created.body).not.toHaveProperty("githubToken");
      mappingId = created.body.id as string;

      const row = await app.db.sourceMapping.findUniqueOrThrow({ where: { id: mappingId } });
      expect(row.githubTokenEncrypted).not.toBe(GITHUB_TOKEN);
      expect(box.open(row.githubTokenEncrypted!)).toBe(GITHUB_TOKEN);

      const fetched = await call(admin.get(`/api/admin/mappings/${mappingId}`));
      expect(fetched.body).toEqual(created.body);
      const list = await call<{ mappings: { id: string }[] }>(admin.get("/api/admin/mappings"));
      expect(list.body.mappings.map((mapping) => mapping.id)).toEqual([mappingId]);

      // Only the fields sent change.
      const updated = await call(
        admin.patch(`/api/admin/mappings/${mappingId}`, { jiraLabels: ["triaged"], escalationPriority: null }),
      );
      expect(updated.status, updated.text).toBe(200);
      expect(updated.body).toMatchObject({
        ...created.body,
        jiraLabels: ["triaged"],
        escalationPriority: null,
        updatedAt: expect.any(String),
      });
      expect(
        box.open((await app.db.sourceMapping.findUniqueOrThrow({ where: { id: mappingId } })).githubTokenEncrypted!),
      ).toBe(GITHUB_TOKEN);

      // null clears a secret and optional settings.
      const cleared = await call(
        admin.patch(`/api/admin/mappings/${mappingId}`, {
          githubToken: null,
          jiraPriorities: null,
          githubPathPrefix: "",
        }),
      );
      expect(cleared.body).toMatchObject({ hasGithubToken: false, jiraPriorities: null, githubPathPrefix: null });
      const clearedRow = await app.db.sourceMapping.findUniqueOrThrow({ where: { id: mappingId } });
      expect(clearedRow.githubTokenEncrypted).toBeNull();
      expect(clearedRow.jiraPriorities).toBeNull();

      const restored = await call(admin.patch(`/api/admin/mappings/${mappingId}`, { githubToken: GITHUB_TOKEN }));
      expect(restored.body).toMatchObject({ hasGithubToken: true });

      const moved = await call(admin.patch(`/api/admin/mappings/${mappingId}`, { projectKey: "SAME" }));
      expect(moved.body).toMatchObject({ project: { key: "SAME" } });
    });

    it("applies the defaults of an empty mapping", async () => {
      const created = await call(
        admin.post("/api/admin/mappings", { source: "generic", externalProject: "*", projectKey: "WEB" }),
      );
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({
        githubRepo: null,
        jiraConnectionId: null,
        jiraProjectKey: null,
        jiraIssueType: "Bug",
        jiraLabels: [],
        jiraComponents: [],
        jiraPriorities: null,
        jiraTicketsPerHour: 10,
        onResolve: "resolve",
        escalationPriority: null,
      });
      expect((await admin.delete(`/api/admin/mappings/${created.body.id as string}`)).status).toBe(204);
    });

    it("400 with the field at fault", async () => {
      const valid = { source: "sentry", externalProject: "other", projectKey: "WEB" };
      const post = (body: unknown) => admin.post("/api/admin/mappings", body);

      await expect400(admin.post("/api/admin/mappings", "{not json"), "Request body is not valid JSON");
      await expect400(admin.post("/api/admin/mappings", ""), "Request body is empty");
      await expect400(post([valid]), "expected object");
      await expect400(post({ ...valid, source: "bugsnag" }), 'source: must be one of "sentry", "glitchtip", "generic"');
      await expect400(post({ ...valid, source: 5 }), "source:");
      await expect400(post({ ...valid, externalProject: "  " }), "externalProject: must not be empty");
      await expect400(post({ source: "sentry", projectKey: "WEB" }), "externalProject: is required");
      await expect400(post({ ...valid, jiraTicketsPerHour: "10" }), "jiraTicketsPerHour: must be a number");
      await expect400(post({ ...valid, jiraTicketsPerHour: 0 }), "jiraTicketsPerHour: must be between 1 and 1000");
      await expect400(post({ ...valid, jiraTicketsPerHour: 1001 }), "jiraTicketsPerHour: must be between 1 and 1000");
      await expect400(post({ ...valid, jiraTicketsPerHour: 2.5 }), "jiraTicketsPerHour: must be a whole number");
      await expect400(post({ ...valid, jiraLabels: "one" }), "jiraLabels: must be an array of strings");
      const labels = await expect400(
        post({ ...valid, jiraLabels: ["ok", "needs triage"] }),
        "jiraLabels.1:",
        "Jira labels cannot contain spaces",
        '"needs triage"',
      );
      expect(labels.issues).toEqual([
        { path: "jiraLabels.1", message: expect.stringContaining("cannot contain spaces") },
      ]);
      await expect400(post({ ...valid, jiraLabels: ["tab\tlabel"] }), "Jira labels cannot contain spaces");
      await expect400(post({ ...valid, projectKey: "NOPE" }), "projectKey: unknown project NOPE");
      await expect400(post({ ...valid, githubRepo: "acme" }), 'githubRepo: must be "owner/repo"');
      await expect400(post({ ...valid, githubRepo: "https://github.com/acme/web" }), "githubRepo:");
      await expect400(post({ ...valid, glitchtipApiUrl: "not a url" }), "glitchtipApiUrl: must be an http(s) URL");
      await expect400(
        post({ ...valid, jiraConnectionId: connectionId, jiraProjectKey: "ops" }),
        "jiraProjectKey: must be a Jira project key",
      );
      await expect400(
        post({ ...valid, jiraConnectionId: randomUUID(), jiraProjectKey: "OPS" }),
        "jiraConnectionId: unknown Jira connection",
      );
      await expect400(
        post({ ...valid, jiraConnectionId: connectionId }),
        "jiraProjectKey: is required with jiraConnectionId",
      );
      await expect400(post({ ...valid, jiraProjectKey: "OPS" }), "jiraConnectionId: is required with jiraProjectKey");
      await expect400(
        post({ ...valid, jiraPriorities: { P5: "Lowest" } }),
        "jiraPriorities: keys must be P1, P2, P3 or P4 (not P5)",
      );
      await expect400(post({ ...valid, jiraPriorities: { P1: 1 } }), "jiraPriorities.P1: must be a string");
      await expect400(post({ ...valid, onResolve: "close" }), "onResolve:");
      await expect400(post({ ...valid, escalationPriority: "P0" }), "escalationPriority:");
      await expect400(post({ ...valid, githubToken: "" }), "githubToken: must not be empty (pass null to clear it)");
      await expect400(post({ ...valid, githubToken: 42 }), "githubToken: must be a string");
      await expect400(post({ ...valid, hasGithubToken: true }), 'Unrecognized key: "hasGithubToken"');
      await expect400(
        post({ ...valid, source: "glitchtip", externalProject: "just-project" }),
        'externalProject: a GlitchTip project is "organization-slug/project-slug"',
      );
      await expect400(post({ ...valid, externalProject: "acme/web" }), "externalProject: a Sentry project is its slug");
      await expect400(
        admin.patch(`/api/admin/mappings/${mappingId}`, { jiraTicketsPerHour: null }),
        "jiraTicketsPerHour:",
      );
      await expect400(
        admin.patch(`/api/admin/mappings/${mappingId}`, { jiraConnectionId: null }),
        "jiraConnectionId: is required with jiraProjectKey",
      );

      expect(await app.db.sourceMapping.count({ where: { externalProject: "other" } })).toBe(0);
    });

    it("409 for a second mapping of the same source and external project", async () => {
      const duplicate = await call(
        admin.post("/api/admin/mappings", { source: "sentry", externalProject: "web-app", projectKey: "WEB" }),
      );
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toBe('A sentry mapping for external project "web-app" already exists');

      const other = await call(
        admin.post("/api/admin/mappings", { source: "sentry", externalProject: "api", projectKey: "WEB" }),
      );
      expect(other.status).toBe(201);
      const renamed = await call(
        admin.patch(`/api/admin/mappings/${other.body.id as string}`, { externalProject: "web-app" }),
      );
      expect(renamed.status).toBe(409);
      // The same external project under another source is another mapping.
      const otherSource = await call(
        admin.post("/api/admin/mappings", { source: "generic", externalProject: "web-app", projectKey: "WEB" }),
      );
      expect(otherSource.status).toBe(201);
    });

    it("keeps a connection that mappings use", async () => {
      const refused = await call(admin.delete(`/api/admin/jira-connections/${connectionId}`));
      expect(refused.status).toBe(409);
      expect(refused.body.error).toContain("is used by 1 mapping(s)");
    });

    it("404 for unknown mapping ids", async () => {
      for (const id of [randomUUID(), "not-a-uuid"]) {
        expect((await call(admin.get(`/api/admin/mappings/${id}`))).status).toBe(404);
        const patched = await call(admin.patch(`/api/admin/mappings/${id}`, { jiraLabels: [] }));
        expect(patched.status).toBe(404);
        expect(patched.body.error).toBe(`Mapping ${id} not found`);
        expect((await call(admin.delete(`/api/admin/mappings/${id}`))).status).toBe(404);
        expect((await call(admin.post(`/api/admin/mappings/${id}/webhook-token`))).status).toBe(404);
      }
    });

    it("GlitchTip mapping: sealed token, webhook URL token shown once, rotation replaces its hash", async () => {
      const created = await call<
        Record<string, unknown> & { id: string; webhook: { token: string; url: string; bridgeUrl: string | null } }
      >(
        admin.post("/api/admin/mappings", {
          source: "glitchtip",
          externalProject: "acme/web",
          projectKey: "WEB",
          glitchtipApiUrl: "https://glitchtip.acme.example/",
          glitchtipToken: GLITCHTIP_TOKEN,
          githubToken: GITHUB_TOKEN,
          jiraConnectionId: connectionId,
          jiraProjectKey: "OPS",
        }),
      );
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({
        hasGlitchtipToken: true,
        hasGithubToken: true,
        hasWebhookToken: true,
        glitchtipApiUrl: "https://glitchtip.acme.example",
      });
      const { id, webhook } = created.body;
      expect(webhook.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(webhook.url).toBe(`${app.url}/api/glitchtip/webhook/${id}?token=${webhook.token}`);
      expect(webhook.bridgeUrl).toBe(`${app.url}/api/v1/alert/OPS?token=${webhook.token}`);

      const row = await app.db.sourceMapping.findUniqueOrThrow({ where: { id } });
      expect(row.webhookTokenHash).toBe(hashToken(webhook.token));
      expect(row.glitchtipTokenEncrypted).not.toContain(GLITCHTIP_TOKEN);
      expect(box.open(row.glitchtipTokenEncrypted!)).toBe(GLITCHTIP_TOKEN);
      expect(box.open(row.githubTokenEncrypted!)).toBe(GITHUB_TOKEN);

      // The webhook token is shown once: never by get, list or update.
      for (const response of [
        await call(admin.get(`/api/admin/mappings/${id}`)),
        await call(admin.get("/api/admin/mappings")),
        await call(admin.patch(`/api/admin/mappings/${id}`, { jiraLabels: ["glitchtip"] })),
      ]) {
        expect(response.status).toBe(200);
        expect(response.text).not.toContain(webhook.token);
        expect(response.text).not.toContain(row.webhookTokenHash!);
        expect(response.text).not.toContain(row.glitchtipTokenEncrypted!);
      }

      const rotated = await call<{ webhook: { token: string; url: string; bridgeUrl: string | null } }>(
        admin.post(`/api/admin/mappings/${id}/webhook-token`),
      );
      expect(rotated.status, rotated.text).toBe(200);
      expect(rotated.body).toMatchObject({ id, hasWebhookToken: true });
      expect(rotated.body.webhook.token).not.toBe(webhook.token);
      expect(rotated.body.webhook.url).toBe(
        `${app.url}/api/glitchtip/webhook/${id}?token=${rotated.body.webhook.token}`,
      );
      const after = await app.db.sourceMapping.findUniqueOrThrow({ where: { id } });
      expect(after.webhookTokenHash).toBe(hashToken(rotated.body.webhook.token));
      expect(after.webhookTokenHash).not.toBe(row.webhookTokenHash);
      // The sealed secrets are untouched by a rotation.
      expect(after.glitchtipTokenEncrypted).toBe(row.glitchtipTokenEncrypted);

      // No Jira project key: no bridge URL.
      const plain = await call<{ webhook: { bridgeUrl: string | null } }>(
        admin.post("/api/admin/mappings", { source: "glitchtip", externalProject: "*", projectKey: "WEB" }),
      );
      expect(plain.status, plain.text).toBe(201);
      expect(plain.body.webhook.bridgeUrl).toBeNull();
    });

    it("a webhook token only for GlitchTip mappings, and it goes when the source changes", async () => {
      const rotateSentry = await call(admin.post(`/api/admin/mappings/${mappingId}/webhook-token`));
      expect(rotateSentry.status).toBe(400);
      expect(rotateSentry.body.error).toContain("Only GlitchTip mappings have a webhook token");

      const created = await call<{ id: string; webhook?: { token: string } }>(
        admin.post("/api/admin/mappings", { source: "generic", externalProject: "org/app", projectKey: "WEB" }),
      );
      expect(created.body.webhook).toBeUndefined();
      const toGlitchtip = await call<{ hasWebhookToken: boolean; webhook?: { token: string } }>(
        admin.patch(`/api/admin/mappings/${created.body.id}`, { source: "glitchtip" }),
      );
      expect(toGlitchtip.body.hasWebhookToken).toBe(true);
      expect(toGlitchtip.body.webhook?.token).toBeTruthy();
      const back = await call(admin.patch(`/api/admin/mappings/${created.body.id}`, { source: "generic" }));
      expect(back.body).toMatchObject({ hasWebhookToken: false });
      expect(
        (await app.db.sourceMapping.findUniqueOrThrow({ where: { id: created.body.id } })).webhookTokenHash,
      ).toBeNull();
    });

    it("delete: 204, then 404", async () => {
      expect((await admin.delete(`/api/admin/mappings/${mappingId}`)).status).toBe(204);
      expect((await call(admin.get(`/api/admin/mappings/${mappingId}`))).status).toBe(404);
      expect(await app.db.sourceMapping.count({ where: { id: mappingId } })).toBe(0);
    });
  });
});

describe("no response carried a secret", () => {
  it("checked every body the admin received", () => {
    expect(seenBodies.length).toBeGreaterThan(50);
    for (const text of seenBodies) expectNoSecret(text);
  });
});
