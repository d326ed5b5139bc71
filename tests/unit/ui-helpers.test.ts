import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { describeActivity } from "@/lib/issues/describe-activity";
import { formatAge } from "@/lib/text/format-age";

describe("formatAge", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  it.each([
    [0, "now"],
    [59, "now"],
    [60, "1m"],
    [3_599, "59m"],
    [3_600, "1h"],
    [86_400 * 2, "2d"],
    [86_400 * 14, "2w"],
    [86_400 * 90, "3mo"],
    [86_400 * 800, "2y"],
    [-30, "now"],
  ])("%i s → %s", (seconds, expected) => expect(formatAge(ago(seconds), now)).toBe(expected));
});

describe("safeCallbackUrl", () => {
  it.each([
    ["/issues/CHIPP-1", "/issues/CHIPP-1"],
    ["/issues?status=todo", "/issues?status=todo"],
    ["https://evil.example/", "/issues"],
    ["//evil.example/", "/issues"],
    ["/\\evil.example", "/issues"],
    ["/issues\u0000", "/issues"],
    ["/signin?callbackUrl=/x", "/issues"],
    ["/setup", "/issues"],
    [undefined, "/issues"],
    [42, "/issues"],
    // Only ASCII reaches a Location header: the rest is percent-encoded, and over-long values are dropped.
    ["/\u2028/evil.example", "/%E2%80%A8/evil.example"],
    ["/issues?q=caf\u00e9#f\u00fc", "/issues?q=caf%C3%A9#f%C3%BC"],
    ["/\uFFFD", "/%EF%BF%BD"],
    [`/${"a".repeat(5000)}`, "/issues"],
    ["/a/../signin", "/issues"],
    ["/issues\u007f", "/issues"],
  ])("%j → %s", (value, expected) => expect(safeCallbackUrl(value)).toBe(expected));
});

describe("describeActivity", () => {
  const base = { field: null, fromValue: null, toValue: null, data: null };
  it("describes creation, comments and links", () => {
    expect(describeActivity({ ...base, action: "created" })).toBe("created the issue");
    expect(describeActivity({ ...base, action: "commented" })).toBe("commented");
    expect(describeActivity({ ...base, action: "external_linked", data: { source: "sentry" } })).toMatch(
      /^linked Sentry$/,
    );
    expect(describeActivity({ ...base, action: "external_linked" })).toBe("linked an external issue");
  });
  it("names changed values by their labels", () => {
    expect(
      describeActivity({ ...base, action: "status_changed", field: "status", fromValue: "todo", toValue: "done" }),
    ).toBe("changed status from Todo to Done");
    expect(
      describeActivity({ ...base, action: "assignee_changed", field: "assignee", fromValue: null, toValue: "Ada" }),
    ).toBe("changed assignee from none to Ada");
  });
  it("falls back to the action's words for unknown actions", () => {
    expect(describeActivity({ ...base, action: "jira_synced" })).toBe("jira synced");
  });
});
