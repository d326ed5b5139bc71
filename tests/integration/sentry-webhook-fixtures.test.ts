// Every captured Sentry payload, posted signed over its exact bytes to the real server.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import {
  DOCS_FIXTURE_METADATA,
  postSentry,
  readOwnSentryFixture,
  readSentryFixture,
  SENTRY_FIXTURES_DIR,
} from "../support/sentry";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The Sentry-Hook-Resource header Sentry sends with each captured payload. */
const resourceByFixture: Record<string, string> = {
  "issue_created.docs.json": "issue",
  "event_alert_triggered.docs.json": "event_alert",
  "metric_alert_resolved.docs.json": "metric_alert",
  "installation_created.docs.json": "installation",
  "comment_created.docs.json": "comment",
  "activity_alert_triggered.selfhosted_capture.json": "activity_alert",
  // Event JSON and REST responses are not webhook bodies; posted as `error` deliveries they must be refused cleanly.
  "sentry_event_json.js_error_with_context.oss.json": "error",
  "sentry_event_json.python_zero_division.oss.json": "error",
  "sentry_api_latest_event.js_error_with_context.oss.json": "error",
  "sentry_api_latest_event.python_zero_division.oss.json": "error",
};

const notAWebhook = {
  success: false,
  error:
    "Invalid payload: action: Invalid input: expected string, received undefined; data: Invalid input: expected record, received undefined",
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp("fixtures");
});
afterAll(async () => {
  await app?.stop();
});

describe("POST /api/sentry/webhook with the shared fixtures", () => {
  it("knows the resource header of every shared fixture", () => {
    const files = readdirSync(SENTRY_FIXTURES_DIR).filter((name) => name.endsWith(".json"));
    expect(files.sort()).toEqual(Object.keys(resourceByFixture).sort());
  });

  it("issue_created.docs.json creates CHIPP-1 and answers in the seed's shape", async () => {
    const response = await postSentry(app.url, readSentryFixture("issue_created.docs.json"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      success: true,
      issue: { id: expect.stringMatching(UUID), identifier: "CHIPP-1" },
      sentry: { id: "1170820242", shortId: "FRONT-END-9" },
    });

    const issue = await app.db.issue.findUniqueOrThrow({
      where: { identifier: "CHIPP-1" },
      include: { labels: { include: { label: true } }, externalIssues: true, activities: true },
    });
    expect(issue.id).toBe(body.issue.id);
    expect(issue.title).toBe("[front-end] ReferenceError: blooopy is not defined");
    expect(issue.priority).toBe("P3");
    expect(issue.status).toBe("triage");
    expect(issue.labels.map(({ label }) => [label.name, label.color])).toEqual([["Sentry", "#362D59"]]);
    expect(issue.externalIssues).toHaveLength(1);
    expect(issue.externalIssues[0]).toMatchObject({
      source: "sentry",
      externalId: "1170820242",
      externalUrl: null,
      metadata: DOCS_FIXTURE_METADATA,
    });
    expect(issue.activities.map((activity) => [activity.action, activity.actorName])).toEqual([["created", "Sentry"]]);
  });

  it("the same fixture again is deduplicated, naming the winner", async () => {
    const response = await postSentry(app.url, readSentryFixture("issue_created.docs.json"));
    expect(response.status).toBe(200);
    const winner = await app.db.issue.findUniqueOrThrow({ where: { identifier: "CHIPP-1" } });
    expect(await response.json()).toEqual({
      success: true,
      deduplicated: true,
      issue: { id: winner.id, identifier: "CHIPP-1" },
      sentry: { id: "1170820242", shortId: "FRONT-END-9" },
      message: "Issue already tracked as CHIPP-1",
    });
    expect(await app.db.issue.count()).toBe(1);
  });

  it.each(
    ["event_alert", "metric_alert", "installation", "comment", "activity_alert"].map((resource) => [
      Object.keys(resourceByFixture).find((name) => resourceByFixture[name] === resource)!,
      resource,
    ]),
  )("%s is acknowledged and ignored", async (fixture, resource) => {
    const response = await postSentry(app.url, readSentryFixture(fixture), { resource });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, message: `Ignored non-issue resource: ${resource}` });
  });

  it.each(Object.keys(resourceByFixture).filter((name) => resourceByFixture[name] === "error"))(
    "%s (not a webhook body) is refused with 400 and the reason",
    async (fixture) => {
      const response = await postSentry(app.url, readSentryFixture(fixture), { resource: "error" });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(notAWebhook);
    },
  );

  it("stored every delivery with its outcome", async () => {
    const deliveries = await app.db.webhookDelivery.findMany({ orderBy: { receivedAt: "asc" } });
    expect(deliveries.map((delivery) => delivery.outcome)).toEqual([
      "created",
      "deduplicated",
      ...Array(5).fill("skipped"),
      ...Array(4).fill("rejected"),
    ]);
    const first = deliveries[0]!;
    expect(first.rawBody).toBe(readSentryFixture("issue_created.docs.json").toString("utf8"));
    expect(first.headers).toMatchObject({ "sentry-hook-resource": "issue", "content-type": "application/json" });
    expect(first.externalId).toBe("1170820242");
    expect(first.processedAt).not.toBeNull();
  });
});

describe("POST /api/sentry/webhook with our own fixtures of the other issue actions", () => {
  it.each([
    ["issue_created.current_shape.json", "CHIPP-2", "P1"],
    ["issue_unresolved_regressed.json", "CHIPP-3", "P2"],
    ["issue_unresolved_escalating.json", "CHIPP-4", "P4"],
    ["issue_created.minimal_nulls.json", "CHIPP-5", "P3"],
  ])("%s creates %s with priority %s", async (fixture, identifier, priority) => {
    const response = await postSentry(app.url, readOwnSentryFixture(fixture));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.issue.identifier).toBe(identifier);
    const issue = await app.db.issue.findUniqueOrThrow({ where: { identifier } });
    expect(issue.priority).toBe(priority);
  });

  it("keeps non-ASCII titles intact", async () => {
    const issue = await app.db.issue.findUniqueOrThrow({ where: { identifier: "CHIPP-2" } });
    expect(issue.title).toBe(
      "[checkout] TypeError: Cannot read properties of undefined (reading 'prix') — Café «Übersicht» 注文",
    );
  });

  it.each([
    ["issue_created_ongoing.json", "Skipped: created/ongoing is not a new unique error"],
    ["issue_ignored.json", "Skipped: ignored, the issue was intentionally ignored"],
    ["issue_archived.json", "Skipped: archived, the issue was intentionally ignored"],
  ])("%s is skipped with its reason", async (fixture, message) => {
    const before = await app.db.issue.count();
    const response = await postSentry(app.url, readOwnSentryFixture(fixture));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, message });
    expect(await app.db.issue.count()).toBe(before);
  });

  it("issue_resolved.json resolves the tracked issue (CHIPP-3) and records the resolution type", async () => {
    const response = await postSentry(app.url, readOwnSentryFixture("issue_resolved.json"));
    expect(response.status).toBe(200);
    const issue = await app.db.issue.findUniqueOrThrow({
      where: { identifier: "CHIPP-3" },
      include: { externalIssues: true },
    });
    expect(await response.json()).toEqual({
      success: true,
      issue: { id: issue.id, identifier: "CHIPP-3" },
      sentry: { id: "4712", shortId: "CHECKOUT-2G" },
      message: "CHIPP-3: resolved",
    });
    expect(issue.status).toBe("done");
    expect(issue.externalIssues[0]!.metadata).toMatchObject({ resolutionType: "in_next_release" });
  });

  it("issue_assigned.json records the Sentry assignee on the tracked issue (CHIPP-2)", async () => {
    const response = await postSentry(app.url, readOwnSentryFixture("issue_assigned.json"));
    expect(response.status).toBe(200);
    expect((await response.json()).message).toBe("CHIPP-2: recorded the assignee");
    const link = await app.db.externalIssue.findUniqueOrThrow({
      where: { source_externalId: { source: "sentry", externalId: "4711" } },
    });
    expect(link.metadata).toMatchObject({ assignee: { email: "ana@acme.test", name: "ana@acme.test" } });
  });
});

describe("GET /api/sentry/webhook", () => {
  it("returns the seed's health JSON, listing every event the webhook acts on", async () => {
    const response = await fetch(`${app.url}/api/sentry/webhook`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      endpoint: "/api/sentry/webhook",
      description: "Sentry webhook endpoint for automatic issue creation",
      supported_events: [
        "issue.created (substatus=new)",
        "issue.unresolved (substatus=regressed)",
        "issue.unresolved (substatus=escalating)",
        "issue.resolved",
        "issue.assigned",
      ],
    });
  });
});
