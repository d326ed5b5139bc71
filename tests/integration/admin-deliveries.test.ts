// The deliveries console's domain on a real database: filters and keyset pages (refused requests
// merged in), the detail view's redaction, replay (a new delivery that names its original, safe by
// dedup, audited), "replay all failed" through its durable operation, and retention of raw bodies
// (batches, nothing still needed lost).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAdminChanges } from "@/lib/admin/audit-log";
import { getDeliveryDetail } from "@/lib/admin/delivery-detail";
import { cursorOf, type DeliveryRow, listDeliveryPage, parseDeliveryFilter } from "@/lib/admin/list-deliveries";
import { pruneDeliveryBodies } from "@/lib/admin/prune-delivery-bodies";
import { REDACTED } from "@/lib/admin/redact-delivery";
import { replayDelivery } from "@/lib/admin/replay-delivery";
import { getReplayProgress, runReplayOperation, startReplayOfFailed } from "@/lib/admin/replay-failed-deliveries";
import { createDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ingestDelivery } from "@/lib/ingest/ingest-delivery";
import { sentryAdapter } from "@/lib/sources/sentry/adapter";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { sentryIssuePayload } from "../support/sentry";

let database: TestDatabase;
let db: Db;
let adminId: string;

beforeAll(async () => {
  database = await createTestDatabase("admin_deliveries");
  db = createDb(database.url, 4);
  adminId = (await db.user.create({ data: { email: "ops-admin@example.com", role: "admin" } })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const sentryHeaders = () =>
  new Headers({
    "content-type": "application/json",
    "sentry-hook-resource": "issue",
    "sentry-hook-signature": "f".repeat(64),
    "request-id": randomUUID(),
  });

async function ingestSentry(id: string): Promise<string> {
  const answer = await ingestDelivery(db, sentryAdapter, {
    body: Buffer.from(JSON.stringify(sentryIssuePayload({ id }))),
    headers: sentryHeaders(),
  });
  expect(answer.status).toBeLessThan(300);
  return answer.deliveryId!;
}

/** A stored delivery as a transient failure left it (a 500 the sender will retry). */
async function failed(deliveryId: string) {
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { outcome: "failed", reason: "Error: connection reset", issueId: null },
  });
}

async function allPages(filter: Record<string, string>, size: number): Promise<DeliveryRow[]> {
  const rows: DeliveryRow[] = [];
  let before: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listDeliveryPage(db, parseDeliveryFilter({ ...filter, before }), size);
    rows.push(...page.rows);
    if (!page.next) return rows;
    before = page.next;
  }
  throw new Error("pagination did not end");
}

describe("listing", () => {
  it("walks every delivery and refused request exactly once, newest first, page by page", async () => {
    for (let n = 0; n < 7; n++) await ingestSentry(`list-${n}`);
    await db.webhookRejection.create({
      data: {
        fingerprint: randomUUID(),
        source: "sentry",
        endpoint: "/api/sentry/webhook",
        reason: "Invalid signature",
        clientAddress: "203.0.113.9",
        bodySha256: "0",
        bodyBytes: 2,
        bodyPrefix: "{}",
        headers: {},
      },
    });
    const expected = await db.webhookDelivery.count();
    const rows = await allPages({}, 3);
    expect(rows).toHaveLength(expected + 1);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    const times = rows.map((row) => row.receivedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(rows.filter((row) => row.refused)).toHaveLength(1);
  });

  it("filters by source, outcome, time and issue; refused requests only where they can match", async () => {
    const created = await allPages({ outcome: "created" }, 50);
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((row) => row.outcome === "created" && !row.refused)).toBe(true);
    expect(await allPages({ source: "glitchtip" }, 50)).toEqual([]);
    const one = created[0]!;
    const byIssue = await allPages({ issue: one.issue!.identifier.toLowerCase() }, 50);
    expect(byIssue.map((row) => row.id)).toContain(one.id);
    expect(byIssue.every((row) => row.issue?.identifier === one.issue!.identifier)).toBe(true);
    expect(await allPages({ from: new Date(Date.now() + 60_000).toISOString() }, 50)).toEqual([]);
    expect((await allPages({ outcome: "rejected" }, 50)).every((row) => row.outcome === "rejected")).toBe(true);
  });

  it("answers bad filters with a 400 naming the field", () => {
    const bad = (params: Record<string, string>) => {
      try {
        parseDeliveryFilter(params);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).publicMessage;
      }
      throw new Error("accepted");
    };
    expect(bad({ source: "pagerduty" })).toMatch(/^source: must be one of/);
    expect(bad({ outcome: "lost" })).toMatch(/^outcome:/);
    expect(bad({ from: "yesterday" })).toMatch(/^from: must be a date/);
    expect(bad({ from: "2026-12-03T10:00", to: "2026-12-02T10:00" })).toMatch(/^to: must not be before from/);
    expect(bad({ issue: "'; DROP TABLE issue; --" })).toMatch(/^issue:/);
    expect(bad({ before: "2026-12-03" })).toMatch(/^before: is not a page cursor/);
    expect(
      parseDeliveryFilter({ source: "", outcome: "", before: cursorOf({ receivedAt: new Date(0), id: randomUUID() }) })
        .source,
    ).toBeUndefined();
  });
});

describe("detail", () => {
  it("hides signature headers and secret-named payload fields, and says when a body was pruned", async () => {
    const id = await ingestSentry("detail-1");
    const detail = await getDeliveryDetail(db, id);
    expect(detail.headers["sentry-hook-signature"]).toBe(REDACTED);
    expect(detail.headers["sentry-hook-resource"]).toBe("issue");
    expect(detail.payload!.text).toContain('"action": "created"');
    expect(detail.payload!.text).not.toContain("f".repeat(64));

    const secretBody = JSON.stringify({
      data: { url: "https://x.example/hook?token=abc123", client_secret: "s3cr3t", nested: { apiKey: "k-1" } },
    });
    const stored = await db.webhookDelivery.create({
      data: {
        source: "generic",
        headers: { authorization: "Bearer xyz", "content-type": "application/json" },
        rawBody: secretBody,
        outcome: "skipped",
      },
    });
    const shown = await getDeliveryDetail(db, stored.id);
    expect(shown.headers.authorization).toBe(REDACTED);
    for (const secret of ["abc123", "s3cr3t", "k-1", "xyz"]) expect(JSON.stringify(shown)).not.toContain(secret);

    const rejection = await db.webhookRejection.create({
      data: {
        fingerprint: randomUUID(),
        source: "glitchtip",
        endpoint: "/api/glitchtip/webhook/secret-mapping-token",
        reason: "Invalid token",
        clientAddress: "198.51.100.1",
        bodySha256: "0",
        bodyBytes: 5000,
        bodyPrefix: '{"a":1}',
        headers: {},
      },
    });
    const refused = await getDeliveryDetail(db, rejection.id);
    expect(refused.refused!.endpoint).toBe(`/api/glitchtip/webhook/${REDACTED}`);
    expect(refused.payload!.truncated).toBe(true);

    await expect(getDeliveryDetail(db, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    await expect(getDeliveryDetail(db, randomUUID())).rejects.toMatchObject({ status: 404 });
  });
});

describe("replay", () => {
  it("runs the body again as a new delivery marked as a replay: deduplicated, no second issue, audited", async () => {
    const original = await ingestSentry("replay-1");
    const issues = await db.issue.count();
    const result = await replayDelivery(db, original, { userId: adminId });
    expect(result).toMatchObject({ status: 200, outcome: "deduplicated" });
    expect(await db.issue.count()).toBe(issues);
    const replay = await db.webhookDelivery.findUniqueOrThrow({ where: { id: result.deliveryId } });
    expect(replay.replayOfId).toBe(original);
    expect((await getDeliveryDetail(db, original)).replays.map((row) => row.id)).toEqual([result.deliveryId]);
    const [entry] = await listAdminChanges(db, { targetId: original });
    expect(entry).toMatchObject({
      action: "delivery.replayed",
      actor: { id: adminId },
      details: { replayId: result.deliveryId },
    });
  });

  it("re-creates what a failed delivery never created", async () => {
    const original = await ingestSentry("replay-2");
    await db.issue.deleteMany({ where: { externalIssues: { some: { externalId: "replay-2" } } } });
    await failed(original);
    const result = await replayDelivery(db, original, { userId: adminId });
    expect(result.outcome).toBe("created");
    expect(result.issue).not.toBeNull();
  });

  it("refuses what it cannot replay with a clear 4xx", async () => {
    const pruned = await ingestSentry("replay-3");
    await db.webhookDelivery.update({ where: { id: pruned }, data: { rawBody: "", bodyPrunedAt: new Date() } });
    await expect(replayDelivery(db, pruned, { userId: adminId })).rejects.toMatchObject({ status: 409 });
    const jira = await db.webhookDelivery.create({
      data: { source: "jira", headers: {}, rawBody: "{}", outcome: "failed" },
    });
    await expect(replayDelivery(db, jira.id, { userId: adminId })).rejects.toMatchObject({ status: 400 });
    await expect(replayDelivery(db, "x", { userId: adminId })).rejects.toMatchObject({ status: 404 });
  });

  it("replays every failed delivery of a filter through a durable operation, with progress", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 25; n++) ids.push(await ingestSentry(`bulk-${n}`));
    for (const id of ids) await failed(id);
    const operation = await startReplayOfFailed(db, parseDeliveryFilter({ source: "sentry" }), { userId: adminId });
    expect(operation.total).toBeGreaterThanOrEqual(25);
    const job = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deliveries.replay' AND data->>'operationId' = $1`,
      operation.id,
    );
    expect(job[0]!.n).toBe(1);
    await runReplayOperation(db, operation.id);
    const progress = await getReplayProgress(db, operation.id);
    expect(progress).toMatchObject({ state: "done", done: operation.total, failed: 0 });
    const replays = await db.webhookDelivery.findMany({
      where: { replayOfId: { in: ids } },
      select: { outcome: true },
    });
    expect(replays).toHaveLength(25);
    expect(replays.every((row) => row.outcome === "deduplicated")).toBe(true);
    await expect(
      startReplayOfFailed(db, parseDeliveryFilter({ source: "glitchtip" }), { userId: adminId }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      startReplayOfFailed(db, parseDeliveryFilter({ outcome: "created" }), { userId: adminId }),
    ).rejects.toMatchObject({ status: 400, publicMessage: expect.stringContaining("none of them failed") });
    expect((await listAdminChanges(db, { targetId: operation.id }))[0]).toMatchObject({
      action: "delivery.replay_all_started",
    });
  });
});

describe("retention", () => {
  it("empties old bodies in batches, keeping rows, outcomes and every body still needed", async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    const make = (outcome: "created" | "received" | "failed" | "skipped", receivedAt = old) =>
      db.webhookDelivery.create({
        data: { source: "sentry", headers: {}, rawBody: `{"n":"${randomUUID()}"}`, outcome, receivedAt },
        select: { id: true, rawBody: true },
      });
    const prunable = await Promise.all(Array.from({ length: 7 }, (_, n) => make(n % 2 ? "created" : "skipped")));
    const unfinished = await make("received");
    const recent = await make("created", new Date(Date.now() - 5 * 86_400_000));
    const listed = await make("failed");
    await db.replayOperation.create({
      data: { actorId: adminId, filter: {}, deliveryIds: [listed.id], total: 1, state: "running" },
    });

    const result = await pruneDeliveryBodies(db, { retentionDays: 30, batchSize: 3 });
    expect(result.batches).toBeGreaterThanOrEqual(3);
    expect(result.pruned).toBeGreaterThanOrEqual(7);

    for (const kept of [unfinished, recent, listed]) {
      expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: kept.id } })).rawBody).toBe(kept.rawBody);
    }
    const rows = await db.webhookDelivery.findMany({ where: { id: { in: prunable.map((row) => row.id) } } });
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row.rawBody === "" && row.bodyPrunedAt !== null && row.outcome !== "received")).toBe(
      true,
    );
    const detail = await getDeliveryDetail(db, prunable[0]!.id);
    expect(detail.payload).toBeNull();
    expect(detail.bodyPrunedAt).not.toBeNull();
    // Nothing left to do: a second run prunes nothing.
    expect(await pruneDeliveryBodies(db, { retentionDays: 30, batchSize: 3 })).toEqual({ pruned: 0, batches: 0 });
  });

  it("passes over a row the ingest path holds locked instead of waiting for it", async () => {
    const held = await db.webhookDelivery.create({
      data: {
        source: "sentry",
        headers: {},
        rawBody: "{}",
        outcome: "created",
        receivedAt: new Date(Date.now() - 40 * 86_400_000),
      },
    });
    const other = await db.webhookDelivery.create({
      data: {
        source: "sentry",
        headers: {},
        rawBody: "{}",
        outcome: "created",
        receivedAt: new Date(Date.now() - 40 * 86_400_000),
      },
    });
    let release!: () => void;
    const locked = new Promise<void>((resolve) => (release = resolve));
    let lockTaken!: () => void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM webhook_delivery WHERE id = ${held.id} FOR UPDATE`;
        lockTaken();
        await locked;
      },
      { timeout: 20_000 },
    );
    await taken;
    const started = Date.now();
    await pruneDeliveryBodies(db, { retentionDays: 30, batchSize: 10 });
    expect(Date.now() - started).toBeLessThan(2_000);
    release();
    await holder;
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: held.id } })).bodyPrunedAt).toBeNull();
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: other.id } })).bodyPrunedAt).not.toBeNull();
  });
});
