// Production without SENTRY_CLIENT_SECRET refuses webhooks rather than accept unsigned input.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { postSentry, sentryIssuePayload } from "../support/sentry";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp("unconfigured", { SENTRY_CLIENT_SECRET: "" });
});
afterAll(async () => {
  await app?.stop();
});

it("answers 503 not configured, records the refused attempt, creates nothing", async () => {
  const response = await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id: "1" })), { signature: null });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    success: false,
    error: "Sentry webhook not configured: set SENTRY_CLIENT_SECRET",
  });
  expect(await app.db.issue.count()).toBe(0);
  expect(await app.db.webhookDelivery.count()).toBe(0);
  const [rejection] = await app.db.webhookRejection.findMany();
  expect(rejection).toMatchObject({
    source: "sentry",
    reason: "Sentry webhook not configured: set SENTRY_CLIENT_SECRET",
    count: 1,
  });
});

it("still answers the health check", async () => {
  expect((await fetch(`${app.url}/api/sentry/webhook`)).status).toBe(200);
});
