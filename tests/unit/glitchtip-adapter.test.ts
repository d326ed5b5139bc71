// GlitchTip alert bodies → decisions: every shared fixture, and the mixes real servers send.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/logger";
import { createGlitchTipAdapter, GLITCHTIP_UNAUTHORIZED } from "@/lib/sources/glitchtip/adapter";
import { glitchtipToken } from "@/lib/sources/glitchtip/authenticate";
import { bridgeTicketOverrides } from "@/lib/sources/glitchtip/bridge-overrides";
import { glitchtipExternalId, parseGlitchTipLink } from "@/lib/sources/glitchtip/parse-link";
import { readFields, readUptimeState } from "@/lib/sources/glitchtip/read-fields";
import type { Decision, NormalizedIssue } from "@/lib/sources/types";
import {
  GLITCHTIP_ALERT_FIXTURES,
  GLITCHTIP_API_FIXTURES,
  glitchtipAlert,
  glitchtipAttachment,
  readGlitchTipFixture,
  uptimeAlert,
} from "../support/glitchtip";

const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as unknown as Logger;
const mapping = { id: "6f1c1c1e-0000-4000-8000-000000000001", externalProject: "mapped-project" };
const receivedAt = new Date("2026-11-20T10:00:00Z");
const adapter = createGlitchTipAdapter({ mapping, now: () => receivedAt });

function interpret(payload: unknown): Decision[] {
  const decisions = adapter.interpret(payload, new Headers(), silent);
  expect(Array.isArray(decisions)).toBe(true);
  return decisions as Decision[];
}

function created(decision: Decision | undefined): NormalizedIssue {
  expect(decision?.kind).toBe("create");
  return (decision as Extract<Decision, { kind: "create" }>).issue;
}

function rejection(payload: unknown): AppError {
  try {
    adapter.interpret(payload, new Headers(), silent);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the payload to be rejected");
}

const fixture = (name: string) => JSON.parse(readGlitchTipFixture(name).toString("utf8")) as unknown;

function expectCleanText(issue: NormalizedIssue) {
  for (const text of [issue.title, issue.description]) {
    expect(text).not.toMatch(/undefined|null|\[object Object\]/);
  }
}

describe("every alert fixture", () => {
  it("the fixture list is the three alert bodies", () => {
    expect(GLITCHTIP_ALERT_FIXTURES).toEqual([
      "alert_glitchtip_6.2x_real.json",
      "alert_legacy_with_alias_sections_real.json",
      "uptime_alert.RECONSTRUCTED_from_source.json",
    ]);
  });

  it.each(GLITCHTIP_ALERT_FIXTURES)("%s: one create decision per attachment with clean text", (name) => {
    const decisions = interpret(fixture(name));
    expect(decisions).toHaveLength(1);
    const issue = created(decisions[0]);
    expectCleanText(issue);
    expect(issue.source).toBe("glitchtip");
    expect(issue.externalProject).toBe("mapped-project");
    expect(issue.labels).toEqual([{ name: "GlitchTip", color: "#0E7C86" }]);
    expect(issue.description).toContain("[View in GlitchTip](<");
  });

  it("GlitchTip 6.2: host:id key, project prefix, Details, regression gated on a closed issue", () => {
    const [decision] = interpret(fixture("alert_glitchtip_6.2x_real.json"));
    const issue = created(decision);
    expect(issue).toMatchObject({
      externalId: "glitchtip.devshift.net:4580574",
      externalUrl: "https://glitchtip.devshift.net/ccx/issues/4580574",
      title: "[ccx-notification-writer] kafka: error while consuming ccx.ocp.results/0",
      priority: "P3",
      displayId: "ccx#4580574",
      firstSeen: receivedAt.toISOString(),
      metadata: {
        kind: "issue",
        host: "glitchtip.devshift.net",
        org: "ccx",
        issueId: "4580574",
        shortId: null,
        mappingId: mapping.id,
        project: "ccx-notification-writer",
        environment: "prod",
        serverName: null,
        release: null,
        tags: {},
        culprit: null,
        level: "error",
      },
    });
    expect(issue.description).toBe(
      [
        "## Error",
        "",
        "**Title:** kafka: error while consuming ccx.ocp.results/0",
        "",
        "## Details",
        "",
        "- **Project:** ccx-notification-writer",
        "- **Environment:** prod",
        "",
        "## Links",
        "",
        "- [View in GlitchTip](<https://glitchtip.devshift.net/ccx/issues/4580574>)",
        "- GlitchTip ID: `4580574`",
      ].join("\n"),
    );
    expect((decision as Extract<Decision, { kind: "create" }>).lifecycle).toEqual({
      type: "regressed",
      occurredAt: receivedAt,
      url: "https://glitchtip.devshift.net/ccx/issues/4580574",
      onlyIfClosed: true,
    });
  });

  it("legacy body (alias, sections, text null): release in Details, short id from the Teams section", () => {
    const issue = created(interpret(fixture("alert_legacy_with_alias_sections_real.json"))[0]);
    expect(issue.externalId).toBe("xxx.com:5");
    expect(issue.displayId).toBe("DEVGUARD-API-5");
    expect(issue.title).toBe("[devguard-api] *errors.errorString: Failed to setup database connection");
    expect(issue.description).toContain("**Title:** \\*errors.errorString: Failed to setup database connection");
    expect(issue.description).not.toContain("Culprit");
    expect(issue.description).toContain("- **Release:** `0.11.1-439-g8f91aaa5-dirty`");
    expect(issue.description).toContain("- Short ID: `DEVGUARD-API-5`");
    expect(issue.metadata).toMatchObject({
      release: "0.11.1-439-g8f91aaa5-dirty",
      environment: "dev",
      shortId: "DEVGUARD-API-5",
    });
  });

  it("uptime (down): one issue per monitor, P2, reopened when down again", () => {
    const [decision] = interpret(fixture("uptime_alert.RECONSTRUCTED_from_source.json"));
    const issue = created(decision);
    expect(issue).toMatchObject({
      externalId: "glitchtip.example.com:uptime:17",
      title: "[mapped-project] Uptime monitor down: my-monitor-name",
      priority: "P2",
      metadata: { kind: "uptime", monitorId: "17", host: "glitchtip.example.com", project: "mapped-project" },
    });
    expect(issue.description).toContain("**Status:** The monitored site has gone down.");
    expect(issue.description).toContain("- Monitor ID: `17`");
    expect(issue.description).not.toContain("## Details");
    expect((decision as Extract<Decision, { kind: "create" }>).lifecycle).toMatchObject({
      type: "regressed",
      onlyIfClosed: true,
      summary: "this monitor is down again",
    });
  });

  it.each(GLITCHTIP_API_FIXTURES)("%s is not a webhook body: 400", (name) => {
    const error = rejection(fixture(name));
    expect(error.status).toBe(400);
    expect(error.publicMessage).toMatch(/^Invalid payload: /);
  });
});

describe("mixes", () => {
  it("text missing, null, or a culprit; fields absent or null", () => {
    const decisions = interpret(
      glitchtipAlert([
        glitchtipAttachment({ id: 1 }),
        glitchtipAttachment({ id: 2, culprit: null, fields: null }),
        glitchtipAttachment({ id: 3, culprit: "app.views in checkout", fields: [] }),
      ]),
    );
    expect(decisions).toHaveLength(3);
    const [first, second, third] = decisions.map(created);
    expect(first!.description).not.toContain("Culprit");
    expect(second!.description).not.toContain("## Details");
    expect(second!.title).toBe("[mapped-project] ValueError: bad value #2");
    expect(third!.description).toContain("**Culprit:** `app.views in checkout`");
    expect(third!.metadata).toMatchObject({ culprit: "app.views in checkout", project: "mapped-project" });
    for (const issue of [first!, second!, third!]) expectCleanText(issue);
    expect(decisions.map((decision) => created(decision).externalId)).toEqual([
      "glitchtip.example.com:1",
      "glitchtip.example.com:2",
      "glitchtip.example.com:3",
    ]);
  });

  it("a body with only text (no alias, no sections) and fields of odd types", () => {
    const body = {
      attachments: [
        {
          ...glitchtipAttachment({ id: 9 }),
          fields: [{ title: "Project", value: 7 }, { nope: true }, null, { title: "Empty", value: "" }],
        },
      ],
    };
    const issue = created(interpret(body)[0]);
    expect(issue.title).toBe("[7] ValueError: bad value #9");
    expect(issue.metadata.tags).toEqual({});
  });

  it("Server Name, Release and extra tags (GlitchTip titles them like Custom_tag)", () => {
    const issue = created(
      interpret(
        glitchtipAlert([
          glitchtipAttachment({
            id: 62,
            fields: [
              { title: "Project", value: "smartfarm-rpi" },
              { title: "Environment", value: "production" },
              { title: "Server Name", value: "pi" },
              { title: "Release", value: "d16-display@1.0.0", short: false },
              { title: "Service", value: "d16-display" },
              { title: "Farm_id", value: "farm_0001" },
            ],
          }),
        ]),
      )[0],
    );
    expect(issue.metadata).toMatchObject({
      serverName: "pi",
      release: "d16-display@1.0.0",
      tags: { Service: "d16-display", Farm_id: "farm_0001" },
    });
    expect(issue.description).toContain(
      [
        "- **Project:** smartfarm-rpi",
        "- **Environment:** production",
        "- **Server:** pi",
        "- **Release:** `d16-display@1.0.0`",
        "- **Service:** d16-display",
        "- **Farm\\_id:** farm\\_0001",
      ].join("\n"),
    );
  });

  it("non-ASCII text survives intact", () => {
    const issue = created(
      interpret(
        glitchtipAlert([
          glitchtipAttachment({
            id: 70,
            title: "Alertmanager 생존 신호 — Ünïcödé ✓",
            fields: [{ title: "Project", value: "농장" }],
          }),
        ]),
      )[0],
    );
    expect(issue.title).toBe("[농장] Alertmanager 생존 신호 — Ünïcödé ✓");
    expect(issue.description).toContain("**Title:** Alertmanager 생존 신호 — Ünïcödé ✓");
  });

  it("markup in titles and fields is escaped in the description", () => {
    const issue = created(
      interpret(
        glitchtipAlert([
          glitchtipAttachment({
            id: 71,
            title: "<script>alert(1)</script> [x](javascript:alert(1))",
            culprit: "a `b` c",
            fields: [
              { title: "Project", value: "web" },
              { title: "<img src=x>", value: "**bold** <b>" },
            ],
          }),
        ]),
      )[0],
    );
    expect(issue.description).toContain("**Title:** \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1))");
    expect(issue.description).toContain("**Culprit:** `` a `b` c ``");
    expect(issue.description).toContain("- **\\<img src=x\\>:** \\*\\*bold\\*\\* \\<b\\>");
    expect(issue.description).not.toMatch(/(^|[^\\])<(script|img|b)/);
    // The title is plain text (rendered as text, never markdown) and keeps what GlitchTip sent.
    expect(issue.title).toBe("[web] <script>alert(1)</script> [x](javascript:alert(1))");
  });

  it("priority follows the level colour: info and warning P4, error P3, none P3", () => {
    const priorities = interpret(
      glitchtipAlert([
        glitchtipAttachment({ id: 80, color: "#4b60b4" }),
        glitchtipAttachment({ id: 81, color: "#E9B949" }),
        glitchtipAttachment({ id: 82, color: null }),
      ]),
    ).map((decision) => created(decision).priority);
    expect(priorities).toEqual(["P4", "P4", "P3"]);
  });

  it("the bridge's query becomes ticket overrides on every item", () => {
    const overrides = { labels: ["team-x"], issueType: "Bug" };
    const bridged = createGlitchTipAdapter({ mapping, ticketOverrides: overrides });
    const decisions = bridged.interpret(
      glitchtipAlert([glitchtipAttachment({ id: 1 }), glitchtipAttachment({ id: 2 })]),
      new Headers(),
      silent,
    ) as Decision[];
    expect(decisions.map((decision) => created(decision).ticketOverrides)).toEqual([overrides, overrides]);
  });

  it("the fallback mapping '*' gives no prefix when the alert names no project", () => {
    const fallback = createGlitchTipAdapter({ mapping: { id: "x", externalProject: "*" } });
    const decisions = fallback.interpret(
      glitchtipAlert([glitchtipAttachment({ id: 5, fields: null })]),
      new Headers(),
      silent,
    ) as Decision[];
    expect(created(decisions[0]).title).toBe("ValueError: bad value #5");
  });
});

describe("uptime", () => {
  it("back up resolves the monitor's issue (update, only while open)", () => {
    const [decision] = interpret(uptimeAlert(17, "up"));
    expect(decision).toEqual({
      kind: "update",
      ref: {
        source: "glitchtip",
        externalId: "glitchtip.example.com:uptime:17",
        externalProject: "mapped-project",
        displayId: "uptime monitor 17",
      },
      lifecycle: { type: "resolved", occurredAt: receivedAt, onlyIfOpen: true },
    });
  });

  it("down and up are read from the attachment text, else from the section", () => {
    const body = uptimeAlert(18, "up");
    delete (body.attachments[0] as { text?: string }).text;
    expect(interpret(body)[0]!.kind).toBe("update");
    expect(readUptimeState("The monitored site has gone down.")).toBe("down");
    expect(readUptimeState("The monitored site is back up.")).toBe("up");
    expect(readUptimeState("Something else")).toBeUndefined();
  });

  it("a message that says neither is skipped with the reason", () => {
    const body = uptimeAlert(19, "down");
    body.attachments[0]!.text = "Maintenance window";
    body.sections = [];
    expect(interpret(body)[0]).toEqual({
      kind: "skip",
      reason: "Skipped: uptime alert for monitor 19 says neither down nor back up",
      externalId: "glitchtip.example.com:uptime:19",
    });
  });
});

describe("rejections", () => {
  it.each([
    ["no attachments", { text: "GlitchTip Alert" }, /^Invalid payload: attachments: /],
    [
      "empty attachments",
      { text: "GlitchTip Alert", attachments: [] },
      "Invalid payload: attachments: must list at least one alert",
    ],
    ["not an object", [1, 2, 3], /^Invalid payload: /],
    ["null", null, /^Invalid payload: /],
    [
      "attachment without title_link",
      { attachments: [{ title: "x" }] },
      /^Invalid payload: attachments\.0\.title_link: /,
    ],
    [
      "more than 25 attachments",
      glitchtipAlert(Array.from({ length: 26 }, (_, id) => glitchtipAttachment({ id }))),
      /at most 25/,
    ],
  ])("%s → 400", (_name, payload, message) => {
    const error = rejection(payload);
    expect(error.status).toBe(400);
    if (typeof message === "string") expect(error.publicMessage).toBe(message);
    else expect(error.publicMessage).toMatch(message);
  });

  it("an attachment whose link is no GlitchTip issue or monitor is skipped, the others still count", () => {
    const other = { ...glitchtipAttachment({ id: 1 }), title_link: "https://glitchtip.example.com/acme/releases/1" };
    const decisions = interpret(glitchtipAlert([other, glitchtipAttachment({ id: 2 })]));
    expect(decisions[0]).toEqual({
      kind: "skip",
      reason: "Skipped: item 1: title_link is neither a GlitchTip issue nor an uptime monitor URL",
    });
    expect(created(decisions[1]).externalId).toBe("glitchtip.example.com:2");
  });

  it("verify refuses when no mapping matched the token", () => {
    const unauthenticated = createGlitchTipAdapter({ mapping: null });
    const result = unauthenticated.verify({ body: Buffer.from("{}"), headers: new Headers() });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.status).toBe(401);
    expect(!result.ok && result.error.publicMessage).toBe(GLITCHTIP_UNAUTHORIZED);
    expect(adapter.verify({ body: Buffer.from("{}"), headers: new Headers() })).toEqual({ ok: true });
  });

  it("keeps no header that can carry the secret", () => {
    expect(adapter.keptHeaders).not.toContain("authorization");
    expect(adapter.keptHeaders).toEqual(expect.arrayContaining(["content-type", "user-agent"]));
  });
});

describe("parseGlitchTipLink", () => {
  it.each([
    [
      "https://glitchtip.devshift.net/ccx/issues/4580574",
      { kind: "issue", host: "glitchtip.devshift.net", org: "ccx", id: "4580574" },
      "glitchtip.devshift.net:4580574",
    ],
    [
      "https://GT.Example.com:8443/tools/glitchtip/acme/issues/12/",
      { kind: "issue", host: "gt.example.com:8443", org: "acme", id: "12" },
      "gt.example.com:8443:12",
    ],
    [
      "http://localhost:8000/my%20org/issues/007",
      { kind: "issue", host: "localhost:8000", org: "my org", id: "7" },
      "localhost:8000:7",
    ],
    [
      "https://glitchtip.example.com/my-org/uptime-monitors/17",
      { kind: "uptime", host: "glitchtip.example.com", org: "my-org", id: "17" },
      "glitchtip.example.com:uptime:17",
    ],
  ])("%s", (link, expected, externalId) => {
    const parsed = parseGlitchTipLink(link);
    expect(parsed).toMatchObject(expected);
    expect(glitchtipExternalId(parsed!)).toBe(externalId);
  });

  it.each([
    "",
    "not a url",
    "javascript:alert(1)//acme/issues/1",
    "ftp://glitchtip.example.com/acme/issues/1",
    "https://glitchtip.example.com/acme/issues/abc",
    "https://glitchtip.example.com/issues/1",
    "https://glitchtip.example.com/acme/issues/1/events",
    `https://glitchtip.example.com/acme/issues/${"1".repeat(31)}`,
    `https://glitchtip.example.com/acme/uptime-monitors/${"a".repeat(101)}`,
  ])("%j is not an item link", (link) => expect(parseGlitchTipLink(link)).toBeUndefined());
});

describe("fields, token and bridge query", () => {
  it("readFields: known titles in any spelling, first one wins, the rest are tags", () => {
    expect(
      readFields([
        { title: "PROJECT", value: "a" },
        { title: "Server_name", value: "host-1" },
        { title: "project", value: "b" },
        { title: "Tier", value: "gold" },
      ]),
    ).toEqual({
      project: "a",
      environment: null,
      serverName: "host-1",
      release: null,
      tags: [{ title: "Tier", value: "gold" }],
    });
  });

  it("glitchtipToken: Bearer first, then ?token=, nothing otherwise", () => {
    const url = new URL("https://tracker.test/api/glitchtip/webhook/x?token=from-query");
    expect(glitchtipToken(url, new Headers({ authorization: "Bearer from-header" }))).toBe("from-header");
    expect(glitchtipToken(url, new Headers())).toBe("from-query");
    expect(glitchtipToken(new URL("https://tracker.test/x"), new Headers({ authorization: "Basic abc" }))).toBeNull();
    expect(glitchtipToken(new URL(`https://tracker.test/x?token=${"a".repeat(600)}`), new Headers())).toBeNull();
  });

  it("bridgeTicketOverrides: comma lists and repeated parameters, nothing when nothing is asked", () => {
    expect(
      bridgeTicketOverrides(new URLSearchParams("labels=a,b&labels=c&components=x&issue_type=Task&token=s")),
    ).toEqual({
      labels: ["a", "b", "c"],
      components: ["x"],
      issueType: "Task",
    });
    expect(bridgeTicketOverrides(new URLSearchParams("labels=a,,a&token=s"))).toEqual({ labels: ["a"] });
    expect(bridgeTicketOverrides(new URLSearchParams("token=s"))).toBeNull();
  });

  it("bridgeTicketOverrides: drops values Jira could not take (NUL, control characters, too long)", () => {
    expect(bridgeTicketOverrides(new URLSearchParams("labels=a%00b,ok&components=%07&issue_type=Bug%00"))).toEqual({
      labels: ["ok"],
    });
    expect(
      bridgeTicketOverrides(new URLSearchParams(`labels=${"x".repeat(256)}&issue_type=${"T".repeat(256)}`)),
    ).toBeNull();
  });
});
