// Bad input at the Sentry boundary: each gets a clear 4xx with a reason, is recorded, and harms nothing stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSentryBody } from "@/lib/sources/sentry/verify-signature";
import { startTestApp, type TestApp } from "../support/app";
import { postSentry, sentryIssuePayload, TEST_SENTRY_SECRET } from "../support/sentry";

let app: TestApp;
let baseline: { id: string; identifier: string; title: string; description: string; updatedAt: Date };

beforeAll(async () => {
  app = await startTestApp("rejections");
  const created = await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id: "100" })));
  expect(created.status).toBe(200);
  baseline = await app.db.issue.findUniqueOrThrow({
    where: { identifier: "CHIPP-1" },
    select: { id: true, identifier: true, title: true, description: true, updatedAt: true },
  });
});

afterAll(async () => {
  // Nothing already stored was lost or changed by any of the bad deliveries.
  const after = await app.db.issue.findMany({
    select: { id: true, identifier: true, title: true, description: true, updatedAt: true },
  });
  expect(after).toEqual([baseline]);
  await app?.stop();
});

const validBody = () => JSON.stringify(sentryIssuePayload({ id: "200" }));

async function expectRejected(response: Response, status: number, error: string | RegExp) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.success).toBe(false);
  if (typeof error === "string") expect(body.error).toBe(error);
  else expect(body.error).toMatch(error);
}

describe("signature", () => {
  it("401 for a signature made with another secret", async () => {
    await expectRejected(await postSentry(app.url, validBody(), { secret: "wrong-secret" }), 401, "Invalid signature");
  });
  it("401 for a missing signature header", async () => {
    await expectRejected(
      await postSentry(app.url, validBody(), { signature: null }),
      401,
      "Missing Sentry-Hook-Signature header",
    );
  });
  it("401 for a signature of the wrong length", async () => {
    const short = signSentryBody(validBody(), TEST_SENTRY_SECRET).slice(0, 40);
    await expectRejected(await postSentry(app.url, validBody(), { signature: short }), 401, "Invalid signature");
  });
  it("401 when the body was altered after signing", async () => {
    const signature = signSentryBody(validBody(), TEST_SENTRY_SECRET);
    const altered = validBody().replace("web-app", "web-apq");
    await expectRejected(await postSentry(app.url, altered, { signature }), 401, "Invalid signature");
  });
  it("records unauthenticated rejections with their reason, apart from deliveries", async () => {
    const rejected = await app.db.webhookRejection.findMany({ where: { source: "sentry" } });
    expect(rejected.map((rejection) => rejection.reason)).toEqual(
      expect.arrayContaining(["Invalid signature", "Missing Sentry-Hook-Signature header"]),
    );
    // Four refused requests; the two wrong signatures of one body count on one row.
    expect(rejected).toHaveLength(3);
    expect(rejected.reduce((sum, rejection) => sum + rejection.count, 0)).toBe(4);
    expect(rejected.every((rejection) => rejection.endpoint === "/api/sentry/webhook")).toBe(true);
    expect(await app.db.webhookDelivery.count({ where: { outcome: "rejected" } })).toBe(0);
  });
});

describe("malformed payloads (correctly signed)", () => {
  it("400 for invalid JSON", async () => {
    await expectRejected(await postSentry(app.url, '{"action": "created", "data": '), 400, /^Invalid JSON: /);
  });
  it("400 for an empty body", async () => {
    await expectRejected(await postSentry(app.url, ""), 400, /^Invalid JSON: /);
  });
  it("400 for JSON that is not an object", async () => {
    await expectRejected(await postSentry(app.url, "[1,2,3]"), 400, /^Invalid payload: /);
    await expectRejected(await postSentry(app.url, "null"), 400, /^Invalid payload: /);
  });
  it("400 naming a missing field", async () => {
    const payload = sentryIssuePayload({ id: "201" });
    delete (payload.data.issue.project as Partial<typeof payload.data.issue.project>).slug;
    await expectRejected(
      await postSentry(app.url, JSON.stringify(payload)),
      400,
      "Invalid payload: data.issue.project.slug: Invalid input: expected string, received undefined",
    );
  });
  it("400 naming a field of the wrong type", async () => {
    const payload = { ...sentryIssuePayload({ id: "202" }) } as { data: { issue: Record<string, unknown> } };
    payload.data.issue.count = { many: true };
    payload.data.issue.title = 42;
    await expectRejected(
      await postSentry(app.url, JSON.stringify(payload)),
      400,
      /data\.issue\.title: .*; data\.issue\.count: /,
    );
  });
  it("400 for a missing Sentry-Hook-Resource header", async () => {
    await expectRejected(
      await postSentry(app.url, validBody(), { headers: { "sentry-hook-resource": "" } }),
      400,
      "Missing Sentry-Hook-Resource header",
    );
  });
  it("200 with the reason for an unknown action", async () => {
    const response = await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id: "203", action: "teleported" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      success: true,
      message: 'Skipped: issue action "teleported" is not supported',
    });
  });
  it("NUL characters in strings are stored safely instead of failing", async () => {
    const payload = sentryIssuePayload({ id: "204", title: "Error: nul \u0000 inside" });
    const response = await postSentry(app.url, JSON.stringify(payload));
    expect(response.status).toBe(200);
    const body = await response.json();
    const issue = await app.db.issue.findUniqueOrThrow({ where: { id: body.issue.id } });
    expect(issue.title).toBe("[web-app] Error: nul \uFFFD inside");
    await app.db.issue.delete({ where: { id: issue.id } });
  });
  it("lone UTF-16 surrogates (which PostgreSQL's jsonb rejects) in the id, slug and title are stored safely, and dedup still works", async () => {
    const payload = sentryIssuePayload({
      id: "205\ud800",
      slug: "web\udfffapp",
      title: "Error: half \ud83d of an emoji",
    });
    const first = await postSentry(app.url, JSON.stringify(payload));
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.sentry).toEqual({ id: "205\uFFFD", shortId: "WEB\uFFFDAPP-205\uFFFD" });
    const issue = await app.db.issue.findUniqueOrThrow({
      where: { id: body.issue.id },
      include: { externalIssues: true },
    });
    expect(issue.title).toBe("[web\uFFFDapp] Error: half \uFFFD of an emoji");
    expect(issue.externalIssues.map((link) => link.externalId)).toEqual(["205\uFFFD"]);

    const repeat = await postSentry(app.url, JSON.stringify(payload));
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ deduplicated: true, issue: { identifier: body.issue.identifier } });
    const deliveries = await app.db.webhookDelivery.findMany({
      where: { externalId: "205\uFFFD" },
      select: { outcome: true },
    });
    expect(deliveries.map((delivery) => delivery.outcome).sort()).toEqual(["created", "deduplicated"]);
    await app.db.issue.delete({ where: { id: issue.id } });
  });
});

describe("size limit", () => {
  const hugePayload = () => {
    const payload = sentryIssuePayload({ id: "300" });
    (payload.data.issue as Record<string, unknown>).padding = "x".repeat(1024 * 1024);
    return JSON.stringify(payload);
  };
  it("413 over 1 MiB with a declared length", async () => {
    await expectRejected(await postSentry(app.url, hugePayload()), 413, "Request body exceeds 1048576 bytes");
  });
  it("413 over 1 MiB when streamed without a length", async () => {
    const bytes = Buffer.from(hugePayload());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 64 * 1024)
          controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
        controller.close();
      },
    });
    const response = await fetch(`${app.url}/api/sentry/webhook`, {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: {
        "content-type": "application/json",
        "sentry-hook-resource": "issue",
        "sentry-hook-signature": signSentryBody(bytes, TEST_SENTRY_SECRET),
      },
    } as RequestInit);
    await expectRejected(response, 413, "Request body exceeds 1048576 bytes");
  });
  it("a payload just under the limit is accepted", async () => {
    const payload = sentryIssuePayload({ id: "301" });
    const base = JSON.stringify(payload).length;
    (payload.data.issue as Record<string, unknown>).padding = "y".repeat(1024 * 1024 - base - 20);
    const response = await postSentry(app.url, JSON.stringify(payload));
    expect(response.status).toBe(200);
    const body = await response.json();
    await app.db.issue.delete({ where: { id: body.issue.id } });
  });
});
