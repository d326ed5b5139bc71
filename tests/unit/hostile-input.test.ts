// The pure parts of "no 5xx from any input": what the server answers before Next.js runs, and dates
// and ids from senders bounded to what the database stores.
import { describe, expect, it } from "vitest";
import { unservableRequest } from "@/lib/http/unservable-request";
import { jiraWebhookSchema } from "@/lib/jira-sync/inbound/jira-webhook-schema";
import { hookTimestamp } from "@/lib/sources/sentry/lifecycle";
import { sentryIssueSchema } from "@/lib/sources/sentry/schema";
import { formatTimestamp, parseTimestamp } from "@/lib/text/format-timestamp";
import { sentryIssuePayload } from "../support/sentry";

describe("unservableRequest", () => {
  it.each(["TRACE", "trace", "TRACK", "CONNECT"])("%s → 405 with Allow", (method) => {
    expect(unservableRequest(method, "/api/health")).toMatchObject({
      status: 405,
      headers: { allow: expect.stringContaining("GET") },
    });
  });

  it.each([
    "/issues/%ff",
    "/api/v1/alert/%E2%82",
    "/api/glitchtip/webhook/%ED%A0%80",
    "/a/%zz",
    "/api/admin/mappings/%00",
  ])("%s → 400", (url) => {
    expect(unservableRequest("GET", url)).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^Malformed URL/) },
    });
  });

  it.each([
    ["GET", "/issues/CHIPP-1"],
    ["POST", "/api/v1/alert/OPS?labels=%ff%00"], // the query is the route's to judge (URLSearchParams never throws)
    ["GET", "/issues/%E2%82%AC"],
    ["DELETE", "/api/admin/mappings/x"],
    ["GET", undefined],
  ])("%s %s passes", (method, url) => expect(unservableRequest(method, url)).toBeUndefined());

  it("a page POST Next takes for a server action must come from this host", () => {
    const action = (headers: Record<string, string>, path = "/setup") =>
      unservableRequest("POST", path, { host: "tracker.test", "next-action": "abc", ...headers })?.status;
    expect(action({})).toBeUndefined(); // no Origin: not a browser, Next lets it through
    expect(action({ origin: "https://tracker.test" })).toBeUndefined();
    expect(action({ origin: "https://proxy.test", "x-forwarded-host": "proxy.test, tracker.test" })).toBeUndefined();
    expect(action({ origin: "" })).toBe(400);
    expect(action({ origin: "not a url" })).toBe(400);
    expect(action({ origin: "https://evil.test" })).toBe(403);
    expect(action({ origin: "null" })).toBe(403);
    const form = { "content-type": "multipart/form-data; boundary=x", origin: "https://evil.test" };
    expect(unservableRequest("POST", "/issues/X-1", { host: "tracker.test", ...form })?.status).toBe(403);
    expect(unservableRequest("POST", "/api/admin/projects", { host: "tracker.test", ...form })).toBeUndefined(); // routes check origins themselves
    expect(unservableRequest("GET", "/setup", { host: "tracker.test", ...form })).toBeUndefined();
  });
});

describe("dates outside years 1–9999", () => {
  it("parseTimestamp refuses what no timestamp column stores", () => {
    expect(parseTimestamp("+275760-09-13T00:00:00.000Z")).toBeUndefined();
    expect(parseTimestamp("10000-01-01T00:00:00Z")).toBeUndefined();
    expect(parseTimestamp("-000001-01-01T00:00:00Z")).toBeUndefined();
    expect(parseTimestamp("9999-12-31T23:59:59Z")?.toISOString()).toBe("9999-12-31T23:59:59.000Z");
    expect(formatTimestamp("+275760-09-13T00:00:00.000Z")).toBeUndefined();
  });

  it("hookTimestamp (unsigned) only ever moves an event back to a real time before its receipt", () => {
    const receivedAt = new Date("2026-12-03T12:00:00Z");
    const at = (value: string) =>
      hookTimestamp(new Headers({ "sentry-hook-timestamp": value }), receivedAt).toISOString();
    expect(at("1796299200")).toBe("2026-12-03T12:00:00.000Z");
    expect(at("1796299100.5")).toBe("2026-12-03T11:58:20.500Z");
    for (const hostile of ["253402300800", "1796299200000", "1e300", "-5", "0", "NaN", "Infinity", "0x10", ""]) {
      expect(at(hostile), hostile).toBe(receivedAt.toISOString());
    }
  });
});

describe("ids bounded at the schema", () => {
  it("a 5,000-character Sentry issue id is refused as too long", () => {
    const issue = { ...sentryIssuePayload({ id: "1" }).data.issue, id: "7".repeat(5_000) };
    const parsed = sentryIssueSchema.safeParse(issue);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["id"], message: "must be at most 200 characters" });
    expect(sentryIssueSchema.safeParse({ ...issue, id: 4_580_574 }).data?.id).toBe("4580574");
  });

  it("a 6,000-character Jira key or id is refused as too long", () => {
    const base = { webhookEvent: "jira:issue_updated", issue: { id: "1", key: "OPS-1" } };
    expect(
      jiraWebhookSchema.safeParse({ ...base, issue: { id: "1", key: "K".repeat(6_000) } }).error?.issues[0]?.path,
    ).toEqual(["issue", "key"]);
    expect(
      jiraWebhookSchema.safeParse({ ...base, issue: { id: "9".repeat(6_000), key: "OPS-1" } }).error?.issues[0]?.path,
    ).toEqual(["issue", "id"]);
    expect(jiraWebhookSchema.safeParse(base).success).toBe(true);
    expect(jiraWebhookSchema.safeParse({ ...base, timestamp: -1e300 }).error?.issues[0]?.path).toEqual(["timestamp"]);
  });
});
