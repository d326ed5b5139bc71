import { describe, expect, it } from "vitest";
import {
  JiraError,
  jiraErrorFromException,
  jiraErrorFromResponse,
  jiraMessages,
  kindForStatus,
  parseRetryAfter,
} from "@/lib/integrations/jira/errors";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const headers = (init: Record<string, string> = {}) => new Headers(init);
const body = JSON.stringify({
  errorMessages: ["You do not have permission to create issues in this project."],
  errors: {
    labels: "The label 'a b' contains spaces which is invalid.",
    components: "Component name 'Nope' is not valid",
  },
});

describe("parseRetryAfter", () => {
  it.each([
    ["120", 120],
    ["0", 5], // a floor, so a deferred job never spins
    [" 7 ", 7],
    ["1.5", 5],
    [null, 60],
    [undefined, 60],
    ["", 60],
    ["soon", 60],
    ["-5", 60],
    ["Sun, 01 Mar 2026 12:01:30 GMT", 90],
    ["Sun, 01 Mar 2026 11:00:00 GMT", 5],
  ])("%j → %i s", (value, seconds) => expect(parseRetryAfter(value, NOW)).toBe(seconds));
});

describe("jiraMessages", () => {
  it("joins errorMessages and the errors map as 'field: message'", () => {
    expect(jiraMessages(JSON.parse(body))).toEqual([
      "You do not have permission to create issues in this project.",
      "labels: The label 'a b' contains spaces which is invalid.",
      "components: Component name 'Nope' is not valid",
    ]);
  });

  it.each([
    [null],
    ["text"],
    [{}],
    [{ errorMessages: "x", errors: [] }],
    [{ errorMessages: [1, ""], errors: { a: 2 } }],
  ])("ignores %j", (value) => expect(jiraMessages(value)).toEqual([]));
});

describe("kind by status", () => {
  it.each([
    [429, "rate_limited"],
    [500, "transient"],
    [502, "transient"],
    [503, "transient"],
    [504, "transient"],
    [401, "auth"],
    [403, "auth"],
    [400, "permanent"],
    [404, "permanent"],
    [409, "transient"],
    [408, "transient"],
    [404, "permanent"],
    [410, "permanent"],
    [413, "permanent"],
  ])("%i → %s", (status, kind) => expect(kindForStatus(status)).toBe(kind));
});

describe("jiraErrorFromResponse", () => {
  it("429 carries Retry-After in seconds", () => {
    const error = jiraErrorFromResponse(429, headers({ "retry-after": "17" }), "", "create ticket in OPS", NOW);
    expect(error).toBeInstanceOf(JiraError);
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfterSeconds: 17, messages: [] });
    expect(error.message).toContain("retry in 17 s");
  });

  it("429 accepts an HTTP date and defaults to 60 s", () => {
    expect(
      jiraErrorFromResponse(429, headers({ "retry-after": "Sun, 01 Mar 2026 12:00:45 GMT" }), "", "x", NOW)
        .retryAfterSeconds,
    ).toBe(45);
    expect(jiraErrorFromResponse(429, headers(), "{}", "x", NOW).retryAfterSeconds).toBe(60);
    expect(jiraErrorFromResponse(429, headers({ "retry-after": "later" }), "", "x", NOW).retryAfterSeconds).toBe(60);
  });

  it("400 is permanent with Jira's messages, verbatim, in the error and its message", () => {
    const error = jiraErrorFromResponse(400, headers(), body, "create ticket in OPS");
    expect(error.kind).toBe("permanent");
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.messages).toHaveLength(3);
    expect(error.message).toBe(`Jira create ticket in OPS failed with HTTP 400: ${error.messages.join("; ")}`);
  });

  it("a body that is not JSON (a proxy's HTML page) gives no messages", () => {
    const error = jiraErrorFromResponse(502, headers(), "<html>Bad gateway</html>", "get ticket OPS-1");
    expect(error).toMatchObject({ kind: "transient", status: 502, messages: [] });
    expect(error.message).toBe("Jira get ticket OPS-1 failed with HTTP 502");
  });

  it("401/403 are auth errors", () => {
    expect(jiraErrorFromResponse(401, headers(), "", "x").kind).toBe("auth");
    expect(jiraErrorFromResponse(403, headers(), body, "x").kind).toBe("auth");
  });
});

describe("jiraErrorFromException", () => {
  it("a timeout is transient", () => {
    const error = jiraErrorFromException(
      new DOMException("The operation was aborted due to timeout", "TimeoutError"),
      "get ticket OPS-1",
    );
    expect(error).toMatchObject({ kind: "transient", status: undefined });
    expect(error.message).toContain("did not answer in time");
  });

  it("a network failure is transient and names the cause", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const error = jiraErrorFromException(new TypeError("fetch failed", { cause }), "get ticket OPS-1");
    expect(error.kind).toBe("transient");
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it("passes a JiraError through", () => {
    const original = new JiraError("auth", "nope", { status: 401 });
    expect(jiraErrorFromException(original, "x")).toBe(original);
  });
});
