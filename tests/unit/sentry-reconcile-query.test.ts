import { describe, expect, it } from "vitest";
import { buildRecentIssuesParams } from "@/lib/integrations/sentry/build-recent-issues-params";
import { buildReconciliationDelivery } from "@/lib/sources/sentry/build-reconciliation-delivery";

describe("buildRecentIssuesParams", () => {
  it("asks for unresolved issues first seen within the window, newest first, 100 a page", () => {
    const params = buildRecentIssuesParams({ windowHours: 24, projectIds: ["42", "7"] });
    expect(params.get("query")).toBe("is:unresolved firstSeen:-24h");
    expect(params.get("statsPeriod")).toBe("24h");
    expect(params.getAll("project")).toEqual(["42", "7"]);
    expect(params.get("sort")).toBe("new");
    expect(params.get("limit")).toBe("100");
    expect(params.has("cursor")).toBe(false);
    expect(params.toString()).toBe(
      "query=is%3Aunresolved+firstSeen%3A-24h&statsPeriod=24h&project=42&project=7&sort=new&limit=100",
    );
  });

  it("polls every project with project=-1 and passes the cursor on", () => {
    const params = buildRecentIssuesParams({ windowHours: 6, projectIds: "all", cursor: "1735689600000:0:0" });
    expect(params.getAll("project")).toEqual(["-1"]);
    expect(params.get("query")).toBe("is:unresolved firstSeen:-6h");
    expect(params.get("cursor")).toBe("1735689600000:0:0");
  });
});

describe("buildReconciliationDelivery", () => {
  const issue = {
    id: "22",
    shortId: "WEB-7",
    title: "TypeError: x",
    substatus: "new",
    project: { id: "4", slug: "web" },
  };

  it("is the issue.created webhook Sentry would have sent, marked as coming from reconciliation", () => {
    const delivery = buildReconciliationDelivery(issue, new Date("2026-11-20T10:00:00Z"));
    expect(JSON.parse(delivery.body.toString("utf8"))).toEqual({
      action: "created",
      data: { issue },
      actor: { type: "application", id: "tracker-reconcile", name: "Reconciliation" },
    });
    expect(delivery.headers.get("sentry-hook-resource")).toBe("issue");
    expect(delivery.headers.get("x-tracker-origin")).toBe("reconciliation");
    expect(delivery.headers.get("sentry-hook-timestamp")).toBe(String(Date.parse("2026-11-20T10:00:00Z") / 1000));
    expect(delivery.headers.has("sentry-hook-signature")).toBe(false);
  });

  it("turns 'ongoing' into 'new' (it was new when its webhook was missed) and keeps other substatuses", () => {
    const body = (substatus: string | null) =>
      JSON.parse(buildReconciliationDelivery({ ...issue, substatus }).body.toString()).data.issue.substatus;
    expect(body("ongoing")).toBe("new");
    expect(body("escalating")).toBe("escalating");
    expect(body(null)).toBeNull();
  });
});
