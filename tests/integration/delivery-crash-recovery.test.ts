// A web process killed with SIGKILL in the middle of its deliveries: after a restart on the same
// database every acknowledged issue is there once, numbers have no gap, and every stored delivery
// ends with an outcome (the ones it was processing are resumed by the deliveries.recover job).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db";
import { enqueueJob } from "../../lib/jobs/enqueue-job";
import { QUEUES } from "../../lib/jobs/queues";
import { signSentryBody } from "../../lib/sources/sentry/verify-signature";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { eventually } from "../support/eventually";
import { createGlitchTipMapping, glitchtipAlert, glitchtipAttachment } from "../support/glitchtip";
import { postSentry, sentryIssuePayload, TEST_SENTRY_SECRET } from "../support/sentry";
import { type RunningServer, startServer } from "../support/server";

// Short enough that the test need not wait a minute; the restart takes longer than this anyway.
const RECOVERY_AFTER_SECONDS = 2;
const serverEnv = (database: TestDatabase) => ({
  DATABASE_URL: database.url,
  SENTRY_CLIENT_SECRET: TEST_SENTRY_SECRET,
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  SECRETS_KEY: randomBytes(32).toString("hex"),
  DELIVERY_RECOVERY_AFTER_SECONDS: String(RECOVERY_AFTER_SECONDS),
  JOBS_POLL_SECONDS: "0.5",
});

const waitForNoReceived = (db: Db, server: RunningServer, timeoutMs = 60_000) =>
  eventually(
    "every delivery to have an outcome",
    async () => (await db.webhookDelivery.count({ where: { outcome: "received" } })) === 0,
    {
      timeoutMs,
      intervalMs: 250,
      context: () => server.output().slice(-4000),
    },
  );

async function expectGaplessNumbers(db: Db): Promise<void> {
  const issues = await db.issue.findMany({ select: { projectId: true, number: true } });
  const byProject = new Map<string, number[]>();
  for (const issue of issues) byProject.set(issue.projectId, [...(byProject.get(issue.projectId) ?? []), issue.number]);
  for (const numbers of byProject.values()) {
    const sorted = numbers.sort((a, b) => a - b);
    expect(sorted).toEqual(sorted.map((_, index) => index + 1));
  }
}

describe("deliveries a dead process left as received", () => {
  let database: TestDatabase;
  let db: Db;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    database = await createTestDatabase("resume");
    db = createDb(database.url, 2);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  it("are resumed at start-up under their own id: Sentry and GlitchTip get their issue, Jira an outcome", async () => {
    const project = await db.project.create({ data: { key: "RES", name: "Resume" } });
    const glitchtip = await createGlitchTipMapping(db, { projectId: project.id, externalProject: "web-api" });
    const sentryBody = JSON.stringify(sentryIssuePayload({ id: "424242" }));
    const glitchtipBody = JSON.stringify(glitchtipAlert([glitchtipAttachment({ id: 9191 })]));
    // What a process killed right after storing each delivery leaves behind.
    const stale = (id: string, source: string, headers: Record<string, string>, body: string) =>
      db.$executeRawUnsafe(
        `INSERT INTO webhook_delivery (id, source, headers, raw_body, outcome, received_at) VALUES ($1, $2, $3::jsonb, $4, 'received', now() - interval '5 minutes')`,
        id,
        source,
        JSON.stringify(headers),
        body,
      );
    const ids = {
      sentry: crypto.randomUUID(),
      glitchtip: crypto.randomUUID(),
      jira: crypto.randomUUID(),
      fresh: crypto.randomUUID(),
    };
    await stale(
      ids.sentry,
      "sentry",
      {
        "content-type": "application/json",
        "sentry-hook-resource": "issue",
        "sentry-hook-signature": signSentryBody(sentryBody, TEST_SENTRY_SECRET),
      },
      sentryBody,
    );
    await stale(
      ids.glitchtip,
      "glitchtip",
      { "content-type": "application/json", "x-tracker-mapping": glitchtip.id },
      glitchtipBody,
    );
    await stale(ids.jira, "jira", { "content-type": "application/json" }, "{}");

    server = await startServer({ env: serverEnv(database) });
    await waitForNoReceived(db, server);

    const sentryRow = await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids.sentry } });
    expect(sentryRow).toMatchObject({ outcome: "created", externalId: "424242" });
    expect(await db.issue.findUniqueOrThrow({ where: { id: sentryRow.issueId! } })).toMatchObject({
      identifier: "CHIPP-1",
    });
    const glitchtipRow = await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids.glitchtip } });
    expect(glitchtipRow.outcome).toBe("created");
    expect(await db.issue.findUniqueOrThrow({ where: { id: glitchtipRow.issueId! } })).toMatchObject({
      identifier: "RES-1",
    });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids.jira } })).toMatchObject({
      outcome: "failed",
    });
    expect(await db.webhookDelivery.count()).toBe(3); // resumed in place, not stored again

    // Resuming again is a no-op: a received row for an issue already tracked becomes a duplicate.
    await stale(
      ids.fresh,
      "sentry",
      { "content-type": "application/json", "sentry-hook-resource": "issue" },
      sentryBody,
    );
    await enqueueJob(db, QUEUES.deliveriesRecover.name, {}); // the next cron tick's run, without waiting a minute
    await waitForNoReceived(db, server);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids.fresh } })).toMatchObject({
      outcome: "deduplicated",
      issueId: sentryRow.issueId,
    });
    expect(await db.issue.count()).toBe(2);
  }, 150_000);
});

describe("SIGKILL in the middle of a concurrent load", () => {
  let database: TestDatabase;
  let db: Db;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("delivery_crash");
    db = createDb(database.url, 2);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.$disconnect();
    await database?.drop();
  });

  it("loses no acknowledged issue, duplicates none, leaves no gap and no delivery without an outcome", async () => {
    const first = await startServer({ env: serverEnv(database) });
    servers.push(first);
    const acknowledged = new Map<string, string>(); // Sentry issue id → identifier answered
    let sent = 0;
    let killed = false;
    const CONCURRENCY = 40;
    const KILL_AFTER = 600;
    // Each sender alternates new errors and repeats of earlier ones (the duplicate path), until the kill.
    const sender = async (lane: number) => {
      for (let round = 0; !killed; round++) {
        const id = round % 3 === 2 ? `${lane}-${round - 1}` : `${lane}-${round}`;
        sent++;
        try {
          const response = await postSentry(first.url, JSON.stringify(sentryIssuePayload({ id })));
          if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
          const body = (await response.json()) as { issue: { identifier: string } };
          const known = acknowledged.get(id);
          if (known && known !== body.issue.identifier)
            throw new Error(`${id} answered ${body.issue.identifier}, earlier ${known}`);
          acknowledged.set(id, body.issue.identifier);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const load = Promise.all(Array.from({ length: CONCURRENCY }, (_, lane) => sender(lane)));
    await eventually(`${KILL_AFTER} deliveries sent`, () => sent >= KILL_AFTER, { timeoutMs: 60_000, intervalMs: 5 });
    killed = true;
    await first.kill();
    await load;

    const leftReceived = await db.webhookDelivery.count({ where: { outcome: "received" } });
    const second = await startServer({ env: serverEnv(database) });
    servers.push(second);
    await waitForNoReceived(db, second);
    console.info(
      `[crash] ${sent} sent, ${acknowledged.size} issues acknowledged, ${leftReceived} deliveries left received by the kill, all resumed`,
    );

    const links = await db.externalIssue.findMany({
      where: { source: "sentry" },
      select: { externalId: true, issue: { select: { identifier: true } } },
    });
    const byExternalId = new Map(links.map((link) => [link.externalId, link.issue.identifier]));
    expect(links).toHaveLength(byExternalId.size); // one link per Sentry issue
    for (const [id, identifier] of acknowledged) expect(byExternalId.get(id), id).toBe(identifier);
    expect(await db.issue.count()).toBe(links.length); // no issue without its link
    await expectGaplessNumbers(db);
    expect(await db.webhookDelivery.count({ where: { outcome: { in: ["received", "failed"] } } })).toBe(0);
  }, 180_000);
});
