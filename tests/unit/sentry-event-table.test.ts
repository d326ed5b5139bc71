import { describe, expect, it } from "vitest";
import { decideSentryEvent } from "@/lib/sources/sentry/event-table";

describe("decideSentryEvent", () => {
  it.each([
    ["created", "new"],
    ["created", null],
    ["created", undefined],
  ])("creates an issue for issue.%s with substatus %s", (action, substatus) => {
    expect(decideSentryEvent("issue", action, substatus)).toEqual({ kind: "create" });
  });

  it.each(["regressed", "escalating"])("issue.unresolved/%s creates, or acts on the tracked issue", (substatus) => {
    expect(decideSentryEvent("issue", "unresolved", substatus)).toEqual({ kind: "create", lifecycle: substatus });
  });

  it.each(["resolved", "assigned"])("issue.%s acts on the tracked issue", (action) => {
    expect(decideSentryEvent("issue", action, null)).toEqual({ kind: "update", lifecycle: action });
  });

  it.each([
    ["created", "ongoing", "not a new unique error"],
    ["archived", undefined, "intentionally ignored"],
    ["ignored", undefined, "intentionally ignored"],
    ["unresolved", "ongoing", "neither a regression nor an escalation"],
    ["unresolved", null, "unresolved/none"],
    ["frobnicated", "new", "not supported"],
    ["__proto__", "new", "not supported"],
  ])("skips issue.%s (substatus %s) with a reason", (action, substatus, reason) => {
    const decision = decideSentryEvent("issue", action, substatus);
    expect(decision.kind).toBe("skip");
    expect(decision.kind === "skip" && decision.reason).toContain(reason);
  });

  it.each(["event_alert", "metric_alert", "error", "comment", "installation", "activity_alert"])(
    "ignores the %s resource",
    (resource) => {
      expect(decideSentryEvent(resource, "created", "new")).toEqual({
        kind: "skip",
        reason: `Ignored non-issue resource: ${resource}`,
      });
    },
  );
});
