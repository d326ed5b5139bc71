// The admin console's domain functions on a real database: every change writes its audit entry in the
// same transaction (secrets only as replaced/cleared), a project's key is fixed once it has issues, and
// Test connection and the Jira pickers against the fake Jira in Cloud and Data Center shapes.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

process.env.SECRETS_KEY ??= randomBytes(32).toString("hex");

const { createDb } = await import("../../lib/db");
const { mappingFormInput } = await import("../../lib/admin/form-input");
const { jiraPickerOptions } = await import("../../lib/admin/jira-pickers");
const { createJiraConnection, rotateJiraWebhookSecret } = await import("../../lib/admin/jira-connections");
const { createMapping, deleteMapping, rotateWebhookToken, updateMapping } = await import("../../lib/admin/mappings");
const { createProject, updateProject } = await import("../../lib/admin/projects");
const { sendGlitchTipTestAlert } = await import("../../lib/admin/send-test-alert");
const { sendSentryTestEvent } = await import("../../lib/admin/send-test-event");
const { testJiraConnection } = await import("../../lib/admin/test-jira-connection");
const { InvalidInputError } = await import("../../lib/validation");
const { createTestDatabase } = await import("../support/database");
const { startFakeJira } = await import("../support/fake-jira");

type Db = ReturnType<typeof createDb>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let jira: Awaited<ReturnType<typeof startFakeJira>>;
let actorId: string;
const BASE = "http://tracker.test";

beforeAll(async () => {
  database = await createTestDatabase("admin_console");
  db = createDb(database.url, 4);
  const manyProjects = Array.from({ length: 60 }, (_, i) => ({
    key: `P${String(i).padStart(2, "0")}`,
    name: `Project ${i}`,
  }));
  jira = await startFakeJira({
    projects: [{ key: "OPS", name: "Operations", issueTypes: ["Bug", "Incident"] }, ...manyProjects],
  });
  actorId = (await db.user.create({ data: { email: "ada@example.com", role: "admin" } })).id;
});
afterAll(async () => {
  await jira?.stop();
  await db?.$disconnect();
  await database?.drop();
});
beforeEach(() => jira.reset());

const audit = (targetId: string) =>
  db.adminAuditEntry.findMany({
    where: { targetId },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorId: true, details: true },
  });

describe("projects", () => {
  it("creates and renames with an audit entry each; the key is fixed once the project has issues", async () => {
    const project = await createProject(db, { key: "WEB", name: "Web" }, { actorId });
    const renamed = await updateProject(db, project.id, { key: "SHOP", name: "Shop" }, { actorId });
    expect(renamed).toMatchObject({ key: "SHOP", name: "Shop" });
    await db.issue.create({ data: { projectId: project.id, number: 1, identifier: "SHOP-1", title: "First" } });
    const refused = await updateProject(db, project.id, { key: "STORE" }, { actorId }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InstanceType<typeof InvalidInputError>).issues).toEqual([
      { path: "key", message: expect.stringContaining("cannot change once the project has issues") },
    ]);
    // Renaming still works, and sending the same key is no change.
    expect(await updateProject(db, project.id, { key: "SHOP", name: "Shop front" }, { actorId })).toMatchObject({
      key: "SHOP",
      name: "Shop front",
    });
    expect((await audit(project.id)).map((entry) => [entry.action, entry.details])).toEqual([
      ["project.created", { key: "WEB", name: "Web" }],
      ["project.updated", { key: "SHOP", name: "Shop", previousKey: "WEB" }],
      ["project.updated", { name: "Shop front" }],
    ]);
    await expect(updateProject(db, project.id, { key: "bad key" }, { actorId })).rejects.toThrow(
      "key: must be 2-10 upper-case letters",
    );
  });
});

describe("mappings", () => {
  it("records create, update, rotation and delete with secrets only as replaced/cleared", async () => {
    await createProject(db, { key: "MAP", name: "Mapped" }, { actorId });
    const created = await createMapping(
      db,
      { source: "glitchtip", externalProject: "acme/web", projectKey: "MAP", glitchtipToken: "gt-secret" },
      { baseUrl: BASE, actorId },
    );
    expect(created.webhook?.url).toMatch(/^http:\/\/tracker\.test\/api\/glitchtip\/webhook\//);
    await updateMapping(
      db,
      created.id,
      { glitchtipToken: null, githubToken: "ghp-secret", jiraLabels: ["a"] },
      { baseUrl: BASE, actorId },
    );
    const rotated = await rotateWebhookToken(db, created.id, { baseUrl: BASE, actorId });
    await deleteMapping(db, created.id, { actorId });
    const entries = await audit(created.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      "mapping.created",
      "mapping.updated",
      "mapping.webhook_token_rotated",
      "mapping.deleted",
    ]);
    expect(entries.every((entry) => entry.actorId === actorId)).toBe(true);
    expect(entries[0]!.details).toMatchObject({ glitchtipToken: "replaced", webhookToken: "issued" });
    expect(entries[1]!.details).toEqual({ glitchtipToken: "cleared", githubToken: "replaced", jiraLabels: ["a"] });
    const text = JSON.stringify(entries);
    for (const secret of ["gt-secret", "ghp-secret", created.webhook!.token, rotated.webhook!.token])
      expect(text).not.toContain(secret);
  });

  it("a refused write leaves no audit entry", async () => {
    const before = await db.adminAuditEntry.count();
    await expect(
      createMapping(db, { source: "sentry", externalProject: "x", projectKey: "NOPE" }, { baseUrl: BASE, actorId }),
    ).rejects.toThrow("unknown project NOPE");
    await expect(deleteMapping(db, "00000000-0000-4000-8000-000000000000", { actorId })).rejects.toThrow("not found");
    expect(await db.adminAuditEntry.count()).toBe(before);
  });

  it("a form's fields reach the API schema and its issues name the form field", async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      source: "sentry",
      externalProject: "web",
      projectKey: "MAP",
      jiraLabels: "ok, not ok",
      jiraTicketsPerHour: "lots",
      "jiraPriorities.P2": "High",
      "jiraPriorities.P1": "",
      githubToken: "",
    })) {
      form.set(name, value);
    }
    const input = mappingFormInput(form);
    expect(input).toMatchObject({
      jiraLabels: ["ok", "not ok"],
      jiraTicketsPerHour: "lots",
      jiraPriorities: { P2: "High" },
    });
    expect(input).not.toHaveProperty("githubToken");
    const error = (await createMapping(db, input, { baseUrl: BASE, actorId }).catch(
      (caught: unknown) => caught,
    )) as InstanceType<typeof InvalidInputError>;
    expect(error.issues.map((issue) => issue.path)).toEqual(["jiraLabels.1", "jiraTicketsPerHour"]);
  });
});

describe("Jira connections", () => {
  async function connect(overrides: Record<string, unknown> = {}) {
    return createJiraConnection(
      db,
      {
        name: `c-${randomBytes(4).toString("hex")}`,
        baseUrl: jira.url,
        email: "bot@example.com",
        token: "cloud-api-token",
        ...overrides,
      },
      { actorId },
    );
  }

  it("Test connection: refused credentials mark it broken; then each mapped project's permissions are named", async () => {
    const connection = await connect({ token: "wrong" });
    const refused = await testJiraConnection(db, connection.id);
    expect(refused.credentials).toEqual({ ok: false, message: expect.stringContaining("HTTP 401") });
    expect(await db.jiraConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      status: "broken",
    });

    const good = await connect();
    const project = await db.project.findUniqueOrThrow({ where: { key: "MAP" } });
    for (const key of ["OPS", "P01", "GONE"]) {
      await db.sourceMapping.create({
        data: {
          source: "sentry",
          externalProject: `m-${key}`,
          projectId: project.id,
          jiraConnectionId: good.id,
          jiraProjectKey: key,
        },
      });
    }
    jira.denyPermission("P01", "BROWSE_PROJECTS");
    const result = await testJiraConnection(db, good.id);
    expect(result.credentials.ok).toBe(true);
    expect(result.projects).toEqual([
      { projectKey: "GONE", ok: false, problem: "No project could be found with key 'GONE'." },
      { projectKey: "OPS", ok: true, problem: null },
      { projectKey: "P01", ok: false, problem: "missing BROWSE_PROJECTS" },
    ]);
    // A per-project refusal does not make the connection broken.
    expect(await db.jiraConnection.findUniqueOrThrow({ where: { id: good.id } })).toMatchObject({
      status: "ok",
      statusReason: null,
    });
  });

  it("pickers: every page of Cloud's project/search, the v2 list on Data Center, issue types, cached, and an unreachable Jira", async () => {
    const cloud = await connect();
    const first = await jiraPickerOptions(db, { connectionId: cloud.id, projectKey: "OPS" });
    expect(first.projects).toHaveLength(61);
    expect(first.projects![0]).toEqual({ key: "OPS", name: "Operations" });
    expect(first.issueTypes).toEqual(["Bug", "Incident"]);
    expect(
      jira.calls.filter((call) => call.path === "/rest/api/3/project/search").map((call) => call.query.startAt),
    ).toEqual(["0", "50"]);
    await jiraPickerOptions(db, { connectionId: cloud.id });
    expect(jira.calls.filter((call) => call.path === "/rest/api/3/project/search")).toHaveLength(2);

    const dc = await connect({ flavor: "datacenter", email: null, token: "dc-personal-access-token" });
    const listed = await jiraPickerOptions(db, { connectionId: dc.id, projectKey: "NOPE" });
    expect(listed.projects).toHaveLength(61);
    expect(jira.calls.some((call) => call.path === "/rest/api/2/project")).toBe(true);
    expect(listed).toMatchObject({ issueTypes: null, error: expect.stringContaining("Issue types of NOPE") });

    const down = await connect({ baseUrl: "http://127.0.0.1:1" });
    expect(await jiraPickerOptions(db, { connectionId: down.id })).toEqual({
      projects: null,
      issueTypes: null,
      error: expect.stringContaining("could not be reached"),
    });
    expect(await jiraPickerOptions(db, { connectionId: "not-an-id" })).toEqual({
      projects: null,
      issueTypes: null,
      error: "Unknown Jira connection",
    });
  });

  it("a generated webhook secret is returned once and audited without its value", async () => {
    const connection = await connect();
    const { secret } = await rotateJiraWebhookSecret(db, connection.id, { actorId });
    const entries = await audit(connection.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      "jira_connection.created",
      "jira_connection.webhook_secret_rotated",
    ]);
    expect(entries[0]!.details).toMatchObject({ token: "replaced" });
    expect(JSON.stringify(entries)).not.toContain(secret);
    expect(JSON.stringify(entries)).not.toContain("cloud-api-token");
  });
});

describe("test deliveries", () => {
  it("refuse to sign without a secret, and to post anywhere but this tracker's GlitchTip endpoints", async () => {
    await expect(sendSentryTestEvent(db, { baseUrl: BASE, secret: undefined, slug: "web", actorId })).rejects.toThrow(
      "SENTRY_CLIENT_SECRET is not set",
    );
    for (const url of [
      "http://169.254.169.254/api/glitchtip/webhook/00000000-0000-4000-8000-000000000000",
      `${BASE}/api/admin/users`,
      "not a url",
    ]) {
      await expect(sendGlitchTipTestAlert(db, { baseUrl: BASE, url, actorId }), url).rejects.toThrow(/^url: must be/);
    }
  });

  it("an unreachable tracker is a clear error naming the base URL", async () => {
    await expect(
      sendSentryTestEvent(db, { baseUrl: "http://127.0.0.1:1", secret: "s", slug: "web", actorId }),
    ).rejects.toThrow("could not reach http://127.0.0.1:1");
  });
});
