// The real Jira client against the fake Jira, as Cloud (v3, ADF, Basic) and as Data Center (v2, wiki,
// Bearer): create, paged search, transitions, comments, projects, and every error kind.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createJiraClient } from "@/lib/integrations/jira/client";
import { JiraError } from "@/lib/integrations/jira/errors";
import { clearJiraProjectCache } from "@/lib/integrations/jira/project-cache";
import type { JiraClientOptions, JiraFlavor } from "@/lib/integrations/jira/types";
import { adfErrors } from "../support/adf-schema";
import { FAKE_JIRA_DEFAULTS, type FakeJira, startFakeJira } from "../support/fake-jira";

let jira: FakeJira;

beforeAll(async () => {
  jira = await startFakeJira({ projects: [...FAKE_JIRA_DEFAULTS.projects, { key: "WEB", issueTypes: ["Task"] }] });
});
afterAll(() => jira.stop());
beforeEach(() => {
  jira.reset();
  jira.searchLagMs = 0;
  jira.maxResultsCap = 100;
  jira.onCreate = null;
  clearJiraProjectCache();
});

async function rejection(promise: Promise<unknown>): Promise<JiraError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JiraError);
  return error as JiraError;
}

const input = (overrides: Partial<Parameters<ReturnType<typeof createJiraClient>["createTicket"]>[0]> = {}) => ({
  projectKey: "OPS",
  summary: "[web] TypeError: Cannot read properties of undefined",
  issueType: "Bug",
  descriptionMarkdown:
    "## Error\n\n**Type:** `TypeError`\n\n- [View in Sentry](<https://sentry.io/i/1/>)\n\n```js\nthrow x;\n```",
  labels: ["tracker-abc123", "sentry"],
  components: ["Backend"],
  priorityName: "High",
  ...overrides,
});

describe.each<JiraFlavor>(["cloud", "datacenter"])("Jira client (%s) against the fake Jira", (flavor) => {
  const cloud = flavor === "cloud";
  const api = cloud ? "/rest/api/3" : "/rest/api/2";
  const client = (options: Partial<JiraClientOptions> = {}) =>
    createJiraClient({
      flavor,
      baseUrl: `${jira.url}/`,
      email: cloud ? FAKE_JIRA_DEFAULTS.email : null,
      token: cloud ? FAKE_JIRA_DEFAULTS.apiToken : FAKE_JIRA_DEFAULTS.pat,
      timeoutMs: 2_000,
      ...options,
    });

  it("creates a ticket with every field, the description in the flavor's format", async () => {
    const created = await client().createTicket(input({ summary: `${"long ".repeat(60)}\nsecond line` }));
    expect(created).toEqual({ id: expect.any(String), key: "OPS-1", url: `${jira.url}/browse/OPS-1` });

    const ticket = jira.tickets.get("OPS-1")!;
    expect(ticket).toMatchObject({
      issueType: "Bug",
      labels: ["tracker-abc123", "sentry"],
      components: ["Backend"],
      priority: "High",
      api: cloud ? "3" : "2",
    });
    expect(ticket.summary.length).toBeLessThanOrEqual(255);
    expect(ticket.summary).not.toContain("\n");
    if (cloud) {
      expect(adfErrors(ticket.description)).toEqual([]);
      expect(JSON.stringify(ticket.description)).toContain('"href":"https://sentry.io/i/1/"');
    } else {
      expect(ticket.description).toBe(
        "h2. Error\n\n*Type:* {{TypeError}}\n\n* [View in Sentry|https://sentry.io/i/1/]\n\n{code:js}\nthrow x;\n{code}",
      );
    }

    const call = jira.calls.find((c) => c.method === "POST")!;
    expect(call.path).toBe(`${api}/issue`);
    expect(call.headers.contentType).toBe("application/json");
    expect(call.headers.authorization).toBe(
      cloud
        ? `Basic ${Buffer.from(`${FAKE_JIRA_DEFAULTS.email}:${FAKE_JIRA_DEFAULTS.apiToken}`).toString("base64")}`
        : `Bearer ${FAKE_JIRA_DEFAULTS.pat}`,
    );
  });

  it("leaves out components and priority when not given", async () => {
    await client().createTicket(input({ projectKey: "WEB", issueType: "Task", components: [], priorityName: null }));
    const fields = (jira.calls[0]!.body as { fields: Record<string, unknown> }).fields;
    expect(Object.keys(fields).sort()).toEqual(["description", "issuetype", "labels", "project", "summary"]);
    expect(jira.tickets.get("WEB-1")).toMatchObject({ components: [], priority: null });
  });

  it("finds every ticket with a label across pages, oldest first, with bounded escaped JQL", async () => {
    const label = 'tracker-"odd"\\label';
    for (let i = 0; i < 120; i++)
      jira.addTicket({ projectKey: "OPS", summary: `t${i}`, labels: [label], createdAt: 1_000 + i });
    jira.addTicket({ projectKey: "OPS", summary: "other label", labels: ["tracker-other"] });
    jira.addTicket({ projectKey: "WEB", summary: "other project", labels: [label] });
    jira.maxResultsCap = 50; // the server gives less than the client asks for

    const found = await client().findTicketsByLabel("OPS", label);
    expect(found.map((t) => t.key)).toEqual(Array.from({ length: 120 }, (_, i) => `OPS-${i + 1}`));
    expect(found[0]).toEqual({
      id: expect.any(String),
      key: "OPS-1",
      url: `${jira.url}/browse/OPS-1`,
      statusName: "To Do",
      statusCategory: "new",
      resolution: null,
      labels: [label],
    });

    const searches = jira.calls.filter((c) => c.path.includes("/search"));
    expect(searches).toHaveLength(3);
    const bodies = searches.map((c) => c.body as Record<string, unknown>);
    expect(bodies[0]!.jql).toBe('project = "OPS" AND labels = "tracker-\\"odd\\"\\\\label" ORDER BY created ASC');
    if (cloud) {
      expect(searches.every((c) => c.path === "/rest/api/3/search/jql")).toBe(true);
      expect(bodies[0]!.nextPageToken).toBeUndefined();
      expect(bodies[1]!.nextPageToken).toEqual(expect.any(String));
    } else {
      expect(searches.every((c) => c.path === "/rest/api/2/search")).toBe(true);
      expect(bodies.map((b) => b.startAt)).toEqual([0, 50, 100]);
    }
  });

  it("finds nothing while the search index lags, then the new ticket", async () => {
    // Wide enough that a loaded CI machine still searches inside the lag.
    jira.searchLagMs = 1_500;
    const c = client();
    await c.createTicket(input());
    expect(await c.findTicketsByLabel("OPS", "tracker-abc123")).toEqual([]);
    expect((await c.getTicket("OPS-1")).key).toBe("OPS-1"); // by key it is there at once
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await c.findTicketsByLabel("OPS", "tracker-abc123")).map((t) => t.key)).toEqual(["OPS-1"]);
  });

  it("reads a ticket's status and resolution as a human leaves it", async () => {
    const c = client();
    const { key } = await c.createTicket(input());
    jira.setTicketStatus(key, "Won't Do");
    expect(await c.getTicket(key)).toMatchObject({
      statusName: "Won't Do",
      statusCategory: "done",
      resolution: "Won't Do",
      labels: ["tracker-abc123", "sentry"],
    });
    expect(jira.calls.at(-1)!.query).toEqual({ fields: "status,resolution,labels" });
    jira.setTicketStatus(key, "In Progress");
    expect(await c.getTicket(key)).toMatchObject({ statusCategory: "indeterminate", resolution: null });
  });

  it("transitions by status category: done, then reopened", async () => {
    const c = client();
    const { key } = await c.createTicket(input());
    const open = await c.listTransitions(key);
    const done = open.find((t) => t.toStatusCategory === "done" && t.toStatusName === "Done")!;
    await c.transition(key, done.id);
    expect(await c.getTicket(key)).toMatchObject({ statusName: "Done", statusCategory: "done", resolution: "Done" });

    const fromDone = await c.listTransitions(key);
    expect(fromDone[0]!.toStatusCategory).not.toBe("new"); // taking the first one would not reopen
    const reopen = fromDone.find((t) => t.toStatusCategory === "new")!;
    expect(reopen).toEqual({ id: "51", name: "Reopen", toStatusName: "To Do", toStatusCategory: "new" });
    await c.transition(key, reopen.id);
    expect(await c.getTicket(key)).toMatchObject({ statusName: "To Do", statusCategory: "new", resolution: null });
    expect(
      jira.calls
        .filter((call) => call.method === "POST" && call.path.endsWith("/transitions"))
        .map((call) => call.body),
    ).toEqual([{ transition: { id: done.id } }, { transition: { id: "51" } }]);

    const invalid = await rejection(c.transition(key, "51"));
    expect(invalid).toMatchObject({
      kind: "permanent",
      status: 400,
      messages: ["Transition id '51' is not valid for this issue."],
    });
  });

  it("comments in the flavor's format", async () => {
    const c = client();
    const { key } = await c.createTicket(input());
    await c.addComment(key, "**Regressed** in `v2.3` — see [Sentry](https://sentry.io/i/1/)\n\n<script>x</script>");
    const [comment] = jira.tickets.get(key)!.comments;
    if (cloud) expect(adfErrors(comment!.body)).toEqual([]);
    else
      expect(comment!.body).toBe("*Regressed* in {{v2.3}} — see [Sentry|https://sentry.io/i/1/]\n\n<script>x</script>");
  });

  it("reads a project's issue types and components, cached", async () => {
    const c = client();
    const project = await c.getProject("OPS");
    expect(project).toEqual({
      key: "OPS",
      name: "Operations",
      issueTypes: ["Bug", "Task"],
      components: ["Backend", "Frontend"],
    });
    expect(await client().getProject("OPS")).toEqual(project);
    expect(jira.calls.filter((call) => call.path === `${api}/project/OPS`)).toHaveLength(1);

    const missing = await rejection(c.getProject("NOPE"));
    expect(missing).toMatchObject({
      kind: "permanent",
      status: 404,
      messages: ["No project could be found with key 'NOPE'."],
    });
  });

  it("429 → rate_limited with Retry-After, seconds or HTTP date", async () => {
    jira.failNext(1, { status: 429, headers: { "retry-after": "7" } });
    expect(await rejection(client().getTicket("OPS-1"))).toMatchObject({
      kind: "rate_limited",
      status: 429,
      retryAfterSeconds: 7,
    });
    jira.failNext(1, { status: 429, headers: { "retry-after": new Date(Date.now() + 30_000).toUTCString() } });
    const dated = await rejection(client().getTicket("OPS-1"));
    expect(dated.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(dated.retryAfterSeconds).toBeLessThanOrEqual(30);
    jira.failNext(1, { status: 429 });
    expect(await rejection(client().getTicket("OPS-1"))).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 60 });
  });

  it("500 → transient; a failure on page 2 fails the search", async () => {
    jira.failNext(1, { status: 500 });
    expect(await rejection(client().createTicket(input()))).toMatchObject({ kind: "transient", status: 500 });
    expect(jira.tickets.size).toBe(0);

    for (let i = 0; i < 3; i++) jira.addTicket({ projectKey: "OPS", summary: `t${i}`, labels: ["x"] });
    jira.maxResultsCap = 2;
    let requests = 0;
    const failSecondPage: typeof fetch = (url, init) => {
      if (++requests === 2) jira.failNext(1, { status: 503, method: "POST", path: /search/ });
      return fetch(url, init);
    };
    expect(await rejection(client({ fetch: failSecondPage }).findTicketsByLabel("OPS", "x"))).toMatchObject({
      kind: "transient",
      status: 503,
    });
    expect(jira.calls.filter((c) => c.path.includes("search")).map((c) => c.status)).toEqual([200, 503]);
  });

  it("400 → permanent with Jira's messages", async () => {
    const unknownComponent = await rejection(client().createTicket(input({ components: ["Nope"] })));
    expect(unknownComponent).toMatchObject({
      kind: "permanent",
      status: 400,
      messages: ["components: Component name 'Nope' is not valid"],
    });
    expect(unknownComponent.message).toContain("components: Component name 'Nope' is not valid");

    const spaced = await rejection(client().createTicket(input({ labels: ["has space"] })));
    expect(spaced.messages).toEqual(["labels: The label 'has space' contains spaces which is invalid."]);

    const several = await rejection(client().createTicket(input({ projectKey: "NOPE" })));
    expect(several.messages).toContain("project: valid project is required");

    jira.failNext(1, {
      status: 400,
      body: { errorMessages: ["Something is wrong."], errors: { summary: "Too long." } },
    });
    expect((await rejection(client().getTicket("OPS-1"))).messages).toEqual([
      "Something is wrong.",
      "summary: Too long.",
    ]);
    expect(jira.tickets.size).toBe(0);
  });

  it("checkAccess: GET myself accepts good credentials and reports bad ones as auth", async () => {
    await client().checkAccess();
    expect(jira.calls.at(-1)).toMatchObject({ method: "GET", path: `${api}/myself`, status: 200 });
    expect(await rejection(client({ token: "revoked" }).checkAccess())).toMatchObject({ kind: "auth", status: 401 });
  });

  it("401 → auth, and no credential in the error", async () => {
    const token = "wrong-secret-token-value";
    const error = await rejection(client({ token }).getTicket("OPS-1"));
    expect(error).toMatchObject({ kind: "auth", status: 401 });
    const text = `${error.message} ${JSON.stringify(error)} ${error.messages.join(" ")}`;
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/Basic |Bearer /);
    expect(text).not.toContain(Buffer.from(`${FAKE_JIRA_DEFAULTS.email}:${token}`).toString("base64"));
  });

  it("a create that Jira stored but answered too late is transient, and the ticket is found by its label", async () => {
    jira.onCreate = () => ({ delayMs: 600 });
    const error = await rejection(client({ timeoutMs: 150 }).createTicket(input()));
    expect(error.kind).toBe("transient");
    expect(error.message).toContain("did not answer in time");
    expect([...jira.tickets.keys()]).toEqual(["OPS-1"]);
    expect((await client().findTicketsByLabel("OPS", "tracker-abc123")).map((t) => t.key)).toEqual(["OPS-1"]);
  });

  it("a dropped connection and an unreachable Jira are transient", async () => {
    let stored = "";
    jira.onCreate = async (ticket) => {
      stored = ticket.key;
      return { drop: true };
    };
    expect((await rejection(client().createTicket(input()))).kind).toBe("transient");
    expect(stored).toBe("OPS-1");

    const closed = await startFakeJira();
    const url = closed.url;
    await closed.stop();
    expect((await rejection(client({ baseUrl: url }).getTicket("OPS-1"))).kind).toBe("transient");
  });

  it("uses the injected fetch", async () => {
    const seen: string[] = [];
    const c = client({
      fetch: (url, init) => {
        seen.push(String(url));
        return fetch(url, init);
      },
    });
    await c.getProject("OPS");
    expect(seen).toEqual([`${jira.url}${api}/project/OPS`]);
  });
});

afterEach(() => jira.clearFailures());
