// An unauthenticated request costs a small fixed amount, on every webhook endpoint: a flood of 1 MiB
// unsigned bodies grows the database by a few KiB each, repeats are counted on one row, a client past
// its limit of refused requests is answered 429 (and nothing is stored), while authenticated deliveries
// are still stored whole and never limited.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeliveries } from "@/lib/admin/list-deliveries";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { createDb, poolOf } from "@/lib/db";
import { MAX_REJECTION_ROWS } from "@/lib/ingest/record-rejection";
import { hitRateLimit } from "@/lib/rate-limit";
import { startTestApp, type TestApp } from "../support/app";
import { createGlitchTipMapping, postBridge, postGlitchTip } from "../support/glitchtip";
import { postSentry, sentryIssuePayload } from "../support/sentry";

const SECRETS_KEY = randomBytes(32).toString("hex");
const LIMIT = 20;
const MiB = 1024 * 1024;
let app: TestApp;
let mapping: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp("rejection_storage", {
    SECRETS_KEY,
    WORKER_IN_WEB: "false",
    REJECTED_REQUESTS_PER_MINUTE: String(LIMIT),
    TRUST_PROXY: "true",
  });
  const box = new SecretBox(keyFromEnvValue(SECRETS_KEY));
  const project = await app.db.project.create({ data: { key: "GT", name: "GlitchTip" } });
  mapping = await createGlitchTipMapping(app.db, {
    projectId: project.id,
    externalProject: "web-api",
    jiraProjectKey: "OPS",
  });
  await app.db.jiraConnection.create({
    data: {
      name: "jira",
      baseUrl: "http://127.0.0.1:9",
      tokenEncrypted: box.seal("token"),
      webhookSecretEncrypted: box.seal("jira-webhook-secret"),
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

/** A 1 MiB body that neither repeats nor compresses: the worst case for storage. */
const randomMiB = () => Buffer.from(randomBytes((MiB * 3) / 4).toString("base64"));
const from = (address: string) => ({ "x-forwarded-for": address });

type Sender = (body: Buffer, address: string) => Promise<Response>;
const UNAUTHENTICATED: Record<string, Sender> = {
  sentry: (body, address) => postSentry(app.url, body, { signature: "0".repeat(64), headers: from(address) }),
  glitchtip: (body, address) => postGlitchTip(app.url, mapping.id, "wrong-token", body, { headers: from(address) }),
  bridge: (body, address) => postBridge(app.url, "OPS", "wrong-token", body, { headers: from(address) }),
  jira: (body, address) =>
    fetch(`${app.url}/api/jira/webhook`, {
      method: "POST",
      body: new Uint8Array(body),
      headers: { "content-type": "application/json", "x-hub-signature": "sha256=00", ...from(address) },
    }),
};

async function storedBytes(): Promise<number> {
  const [row] = await app.db.$queryRawUnsafe<{ bytes: bigint }[]>(
    `SELECT pg_total_relation_size('webhook_delivery') + pg_total_relation_size('webhook_rejection') + pg_total_relation_size('rate_limit_window') AS bytes`,
  );
  return Number(row!.bytes);
}

const rejectionsCounted = async () =>
  (await app.db.webhookRejection.aggregate({ _sum: { count: true } }))._sum.count ?? 0;

describe("a flood of unauthenticated 1 MiB bodies", () => {
  it("200 POSTs across the four endpoints grow the database by a bounded small amount", async () => {
    const before = await storedBytes();
    const deliveriesBefore = await app.db.webhookDelivery.count();
    const senders = Object.values(UNAUTHENTICATED);
    // Every request from its own address with its own body: nothing merges, nothing is rate-limited.
    for (let batch = 0; batch < 20; batch += 1) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => {
          const n = batch * 10 + index;
          return senders[n % senders.length]!(randomMiB(), `10.0.${batch}.${index + 1}`);
        }),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(401));
    }
    const after = await storedBytes();
    console.log(
      `200 unauthenticated 1 MiB POSTs: ${before} → ${after} bytes (+${after - before}; ${((after - before) / 200).toFixed(0)} per request)`,
    );
    expect(await app.db.webhookDelivery.count()).toBe(deliveriesBefore);
    expect(await rejectionsCounted()).toBe(200);
    const rows = await app.db.webhookRejection.findMany({
      select: { bodyBytes: true, bodyPrefix: true, source: true },
    });
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(["sentry", "glitchtip", "jira"]));
    expect(rows.every((row) => row.bodyBytes === MiB && row.bodyPrefix.length === 2048)).toBe(true);
    // 218 MB before this change; now a few KiB a request, indexes included.
    expect(after - before).toBeLessThan(200 * 8 * 1024);
  }, 120_000);

  it("repeats of one request are counted on one row, with when it was last seen", async () => {
    const body = randomMiB();
    for (let n = 0; n < 5; n += 1) expect((await UNAUTHENTICATED.sentry!(body, "198.51.100.5")).status).toBe(401);
    const rows = await app.db.webhookRejection.findMany({ where: { clientAddress: "198.51.100.5" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "sentry",
      endpoint: "/api/sentry/webhook",
      reason: "Invalid signature",
      count: 5,
      bodyBytes: MiB,
    });
    expect(rows[0]!.lastSeenAt.getTime()).toBeGreaterThan(rows[0]!.firstSeenAt.getTime());
  });
});

describe("the limit on refused requests per client address", () => {
  it.each(Object.keys(UNAUTHENTICATED))("%s: past the limit, 429 with Retry-After and nothing stored", async (name) => {
    const address = `203.0.113.${Object.keys(UNAUTHENTICATED).indexOf(name) + 10}`;
    const send = UNAUTHENTICATED[name]!;
    const body = Buffer.from(`{"attempt": "${name}"}`);
    for (let n = 0; n < LIMIT; n += 1) expect((await send(body, address)).status).toBe(401);
    const counted = await rejectionsCounted();

    const limited = await send(body, address);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({
      success: false,
      error: `Too many rejected requests from this address: retry in ${retryAfter} s`,
    });
    expect(await rejectionsCounted()).toBe(counted);
    // Another client is not affected.
    expect((await send(body, "203.0.113.200")).status).toBe(401);
  });

  it("an IPv6 client's whole /64 shares one limit", async () => {
    const body = Buffer.from("{}");
    for (let n = 0; n < LIMIT; n += 1)
      expect((await UNAUTHENTICATED.sentry!(body, `2001:db8:1:2::${n + 1}`)).status).toBe(401);
    expect((await UNAUTHENTICATED.sentry!(body, "2001:db8:1:2:ffff::1")).status).toBe(429);
    expect((await UNAUTHENTICATED.sentry!(body, "2001:db8:1:3::1")).status).toBe(401);
  });

  it("authenticated deliveries from a limited address are accepted and stored whole", async () => {
    const address = "203.0.113.10"; // limited by the Sentry case above
    expect((await UNAUTHENTICATED.sentry!(Buffer.from("{}"), address)).status).toBe(429);
    const payload = sentryIssuePayload({ id: "4242" });
    const base = JSON.stringify(payload).length;
    (payload.data.issue as Record<string, unknown>).padding = "p".repeat(MiB - base - 20);
    const body = JSON.stringify(payload);
    const response = await postSentry(app.url, body, { headers: from(address) });
    expect(response.status).toBe(200);
    const stored = await app.db.webhookDelivery.findFirstOrThrow({ where: { externalId: "4242" } });
    expect(stored.outcome).toBe("created");
    expect(stored.rawBody).toBe(body);
  });

  it("is one count for every web process: two pools on one database share a window", async () => {
    const other = createDb(app.database.url, 1);
    try {
      const limit = { limit: 3, windowSeconds: 60 };
      const pools = [poolOf(app.db), poolOf(other)];
      const decisions = [];
      for (let n = 0; n < 4; n += 1) decisions.push(await hitRateLimit(pools[n % 2]!, "shared-test-key", limit));
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    } finally {
      await other.$disconnect();
    }
  });
});

it("the table keeps at most MAX_REJECTION_ROWS: a new kind of rejection pushes the oldest out", async () => {
  // Filled to the cap with rows older than any so far, then one new rejection arrives.
  const existing = await app.db.webhookRejection.count();
  await app.db.$executeRawUnsafe(
    `INSERT INTO webhook_rejection (id, fingerprint, source, endpoint, reason, client_address, body_sha256, body_bytes, body_prefix, headers, first_seen_at, last_seen_at)
     SELECT gen_random_uuid()::text, 'seeded-' || n, 'sentry', '/api/sentry/webhook', 'Invalid signature', '192.0.2.1', '', 0, '', '{}', now() - interval '1 day' - n * interval '1 second', now() - interval '1 day' - n * interval '1 second'
       FROM generate_series(1, $1::int) AS n`,
    MAX_REJECTION_ROWS - existing,
  );
  expect(await app.db.webhookRejection.count()).toBe(MAX_REJECTION_ROWS);
  const oldest = await app.db.webhookRejection.findFirstOrThrow({
    orderBy: { lastSeenAt: "asc" },
    select: { fingerprint: true },
  });

  expect((await UNAUTHENTICATED.sentry!(Buffer.from('{"new": "kind"}'), "198.51.100.77")).status).toBe(401);
  expect(await app.db.webhookRejection.count()).toBeLessThanOrEqual(MAX_REJECTION_ROWS);
  expect(await app.db.webhookRejection.count({ where: { fingerprint: oldest.fingerprint } })).toBe(0);
  expect(await app.db.webhookRejection.count({ where: { clientAddress: "198.51.100.77" } })).toBe(1);
  // A repeat pushes nothing out.
  expect((await UNAUTHENTICATED.sentry!(Buffer.from('{"new": "kind"}'), "198.51.100.77")).status).toBe(401);
  expect(await app.db.webhookRejection.count()).toBe(MAX_REJECTION_ROWS);
});

it("the admin's delivery list shows refused requests with their count", async () => {
  const rows = await listDeliveries(app.db, 200);
  const repeated = rows.find((row) => row.reason?.includes("198.51.100.5"));
  expect(repeated).toMatchObject({
    source: "sentry",
    outcome: "rejected",
    reason: "Invalid signature (unauthenticated, from 198.51.100.5, 5 times)",
    issue: null,
  });
  expect(rows.some((row) => row.outcome === "created")).toBe(true);
  const times = rows.map((row) => row.receivedAt.getTime());
  expect(times).toEqual([...times].sort((a, b) => b - a));
});
