// The fake Jira refuses what the real one refuses, so tests against it catch what Jira would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_JIRA_DEFAULTS, type FakeJira, startFakeJira } from "../support/fake-jira";

let jira: FakeJira;
const basic = `Basic ${Buffer.from(`${FAKE_JIRA_DEFAULTS.email}:${FAKE_JIRA_DEFAULTS.apiToken}`).toString("base64")}`;
const bearer = `Bearer ${FAKE_JIRA_DEFAULTS.pat}`;

beforeAll(async () => {
  jira = await startFakeJira();
});
afterAll(() => jira.stop());
beforeEach(() => jira.reset());

async function post(path: string, body: unknown, authorization = path.startsWith("/rest/api/3") ? basic : bearer) {
  const response = await fetch(`${jira.url}${path}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.text().then((t) => (t ? JSON.parse(t) : undefined))) as Record<string, unknown>,
  };
}

const fields = (overrides: Record<string, unknown> = {}) => ({
  fields: {
    project: { key: "OPS" },
    summary: "s",
    issuetype: { name: "Bug" },
    description: { version: 1, type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "d" }] }] },
    labels: ["ok"],
    ...overrides,
  },
});

describe("fake Jira", () => {
  it("creates with Jira's answer shape", async () => {
    const created = await post("/rest/api/3/issue", fields());
    expect(created).toEqual({
      status: 201,
      body: { id: expect.any(String), key: "OPS-1", self: `${jira.url}/rest/api/3/issue/${created.body.id}` },
    });
  });

  it.each([
    ["unknown project", { project: { key: "NOPE" } }, { project: "valid project is required" }],
    ["issue type not in the project", { issuetype: { name: "Epic" } }, { issuetype: "Specify a valid issue type" }],
    ["label with a space", { labels: ["a b"] }, { labels: "The label 'a b' contains spaces which is invalid." }],
    ["unknown component", { components: [{ name: "Nope" }] }, { components: "Component name 'Nope' is not valid" }],
    [
      "string description on v3",
      { description: "plain" },
      { description: expect.stringContaining("Atlassian Document") },
    ],
    [
      "invalid ADF",
      {
        description: {
          version: 1,
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }],
        },
      },
      { description: expect.stringContaining("INVALID_INPUT") },
    ],
    ["summary with a newline", { summary: "a\nb" }, { summary: expect.stringContaining("newline") }],
    ["unknown priority", { priority: { name: "Urgent" } }, { priority: "The priority selected is invalid." }],
    ["unknown field", { customfield_1: 1 }, { customfield_1: expect.stringContaining("cannot be set") }],
  ])("400 for %s", async (_name, override, errors) => {
    expect(await post("/rest/api/3/issue", fields(override))).toEqual({
      status: 400,
      body: { errorMessages: [], errors },
    });
    expect(jira.tickets.size).toBe(0);
  });

  it("takes a wiki string on v2 and refuses ADF there", async () => {
    expect((await post("/rest/api/2/issue", fields({ description: "h2. Wiki" }))).status).toBe(201);
    expect((await post("/rest/api/2/issue", fields())).body.errors).toEqual({
      description: "Operation value must be a string",
    });
  });

  it("checks credentials per API: Basic on v3, Bearer on v2", async () => {
    expect((await post("/rest/api/3/issue", fields(), bearer)).status).toBe(401);
    expect((await post("/rest/api/2/issue", fields({ description: "x" }), basic)).status).toBe(401);
    expect((await post("/rest/api/3/issue", fields(), "Basic d3Jvbmc6d3Jvbmc=")).status).toBe(401);
  });

  it("answers the removed v3 /search with 410 and unbounded or bad JQL with 400", async () => {
    expect((await post("/rest/api/3/search", { jql: "project = OPS" })).status).toBe(410);
    expect((await post("/rest/api/3/search/jql", { jql: "ORDER BY created" })).body.errorMessages).toEqual([
      expect.stringContaining("Unbounded"),
    ]);
    expect((await post("/rest/api/3/search/jql", { jql: 'labels = "unterminated' })).status).toBe(400);
    expect((await post("/rest/api/3/search/jql", { jql: "project = NOPE" })).body.errorMessages).toEqual([
      "The value 'NOPE' does not exist for the field 'project'.",
    ]);
    expect((await post("/rest/api/3/search/jql", { jql: "labels = x", nextPageToken: "garbage" })).status).toBe(400);
  });

  it("pages search/jql with nextPageToken and v2 search with startAt/total, honouring maxResults", async () => {
    for (let i = 0; i < 5; i++) jira.addTicket({ projectKey: "OPS", summary: `t${i}`, labels: ["y"] });
    const first = await post("/rest/api/3/search/jql", { jql: 'labels = "y"', maxResults: 2, fields: ["labels"] });
    expect(first.body).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    expect((first.body.issues as unknown[])[0]).toEqual({
      id: expect.any(String),
      key: "OPS-5",
      self: expect.any(String),
      fields: { labels: ["y"] },
    });
    const last = await post("/rest/api/3/search/jql", {
      jql: 'labels = "y"',
      maxResults: 2,
      nextPageToken: first.body.nextPageToken,
    });
    const final = await post("/rest/api/3/search/jql", {
      jql: 'labels = "y"',
      maxResults: 2,
      nextPageToken: last.body.nextPageToken,
    });
    expect(final.body).toEqual({
      issues: [{ id: expect.any(String), key: "OPS-1", self: expect.any(String), fields: {} }],
      isLast: true,
    });
    const v2 = await post("/rest/api/2/search", {
      jql: 'project = "OPS" AND labels = "y" ORDER BY created ASC',
      startAt: 4,
      maxResults: 2,
    });
    expect(v2.body).toMatchObject({ startAt: 4, maxResults: 2, total: 5, issues: [{ key: "OPS-5" }] });
  });

  it("failNext applies to matching requests only, then stops", async () => {
    jira.failNext(2, { status: 500, path: "/rest/api/3/issue" });
    expect((await post("/rest/api/3/search/jql", { jql: "labels = y" })).status).toBe(200);
    expect((await post("/rest/api/3/issue", fields())).status).toBe(500);
    expect((await post("/rest/api/3/issue", fields())).status).toBe(500);
    expect((await post("/rest/api/3/issue", fields())).status).toBe(201);
    expect(jira.calls.map((c) => c.status)).toEqual([200, 500, 500, 201]);
  });

  it("onCreate runs after the ticket is stored and before the answer", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let seenStored = false;
    jira.onCreate = async (ticket) => {
      seenStored = jira.tickets.get(ticket.key) === ticket;
      await gate;
    };
    const pending = post("/rest/api/3/issue", fields());
    await expect.poll(() => seenStored).toBe(true);
    expect(jira.calls.at(-1)!.status).toBe(0); // not answered yet
    release();
    expect((await pending).status).toBe(201);
    jira.onCreate = null;
  });
});
