// The ingestion pipeline in this process, through a source of its own: messages of several items,
// follow-up work in the creating transaction (and its rollback), mapping edits, and concurrent
// creators when the create has follow-ups.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db, poolOf } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import { storeDeliveryAndLookUp } from "@/lib/ingest/delivery-store";
import { ingestDelivery } from "@/lib/ingest/ingest-delivery";
import { clearLabelCache } from "@/lib/issues/ensure-labels";
import type { Decision, ItemResult, SourceAdapter } from "@/lib/sources/types";
import { createTestDatabase, type TestDatabase } from "../support/database";

/** A message: items to create (`create`), resolve (`resolve`) or skip; `one` answers a single decision, not a list. */
interface FakeMessage {
  one?: boolean;
  items: { create?: string; resolve?: string; skip?: string; project?: string }[];
}

const fake: SourceAdapter = {
  source: "fake",
  logPrefix: "[Fake]",
  senderName: "Fake",
  keptHeaders: ["content-type"],
  verify: () => ({ ok: true }),
  interpret(payload) {
    const message = payload as FakeMessage;
    const decisions = message.items.map((item): Decision => {
      const ref = {
        source: "fake",
        externalProject: item.project ?? "app",
        displayId: `FAKE-${item.create ?? item.resolve}`,
      };
      if (item.create) {
        return {
          kind: "create",
          issue: {
            ...ref,
            externalId: item.create,
            externalUrl: null,
            title: `Error ${item.create}`,
            description: "",
            priority: "P3",
            labels: [{ name: "Fake", color: "#123456" }],
            metadata: {},
          },
        };
      }
      if (item.resolve)
        return {
          kind: "update",
          ref: { ...ref, externalId: item.resolve },
          lifecycle: { type: "resolved", occurredAt: new Date() },
        };
      return { kind: "skip", reason: `skipped ${item.skip}`, externalId: item.skip };
    });
    return message.one ? decisions[0]! : decisions;
  },
  present: {
    created: (issue) => ({ created: issue.identifier }),
    deduplicated: (issue) => ({ deduplicated: issue.identifier }),
    updated: (issue, _ref, summary) => ({ updated: issue.identifier, summary }),
    skipped: (reason) => ({ skipped: reason }),
    many: (items: ItemResult[]) => items.map((item) => item.body),
  },
};

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase("ingest_pipeline");
  db = createDb(database.url, 4);
  clearLabelCache();
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const send = (message: FakeMessage) =>
  ingestDelivery(db, fake, {
    body: Buffer.from(JSON.stringify(message)),
    headers: new Headers({ "content-type": "application/json" }),
  });

const deliveryRow = (id: string | undefined) =>
  db.webhookDelivery.findUniqueOrThrow({
    where: { id: id! },
    select: { outcome: true, reason: true, externalId: true, issueId: true, processedAt: true },
  });

async function jiraMappedProject(key: string, externalProject: string) {
  const project = await db.project.create({ data: { key, name: key } });
  const connection = await db.jiraConnection.create({
    data: { name: `jira-${key}`, baseUrl: "https://jira.invalid", tokenEncrypted: "x" },
  });
  await db.sourceMapping.create({
    data: {
      source: "fake",
      externalProject,
      projectId: project.id,
      jiraConnectionId: connection.id,
      jiraProjectKey: "OPS",
      jiraLabels: ["from tracker"],
    },
  });
  return project;
}

describe("a message of several items", () => {
  it("handles each item in order and records one delivery row that names them all", async () => {
    const first = await send({ items: [{ create: "m1" }, { skip: "m0" }, { create: "m2" }] });
    expect(first).toMatchObject({
      status: 200,
      body: [{ created: "CHIPP-1" }, { skipped: "skipped m0" }, { created: "CHIPP-2" }],
    });
    expect(await deliveryRow(first.deliveryId)).toMatchObject({
      outcome: "created",
      reason: "m1: created CHIPP-1; m0: skipped (skipped m0); m2: created CHIPP-2",
      externalId: "m1",
    });

    const second = await send({ items: [{ create: "m1" }, { resolve: "m2" }, { resolve: "m9" }] });
    expect(second.body).toMatchObject([
      { deduplicated: "CHIPP-1" },
      { updated: "CHIPP-2" },
      { skipped: "Skipped: resolved, Fake issue FAKE-m9 is not tracked" },
    ]);
    expect(await deliveryRow(second.deliveryId)).toMatchObject({ outcome: "updated", externalId: "m2" });
    expect((await db.issue.findUniqueOrThrow({ where: { identifier: "CHIPP-2" } })).status).toBe("done");
  });

  it("of skips only is stored once, with its outcome", async () => {
    const answer = await send({ items: [{ skip: "s1" }, { skip: "s2" }] });
    expect(await deliveryRow(answer.deliveryId)).toMatchObject({
      outcome: "skipped",
      reason: "s1: skipped (skipped s1); s2: skipped (skipped s2)",
      externalId: "s1",
    });
    const single = await send({ one: true, items: [{ skip: "s3" }] });
    expect(single.body).toEqual({ skipped: "skipped s3" });
    expect((await deliveryRow(single.deliveryId)).processedAt).not.toBeNull();
  });
});

describe("follow-up work", () => {
  it("a Jira-mapped project's new issue gets its jira_ticket row and jira.sync job with it", async () => {
    await jiraMappedProject("JIR", "jira-app");
    const answer = await send({ one: true, items: [{ create: "j1", project: "jira-app" }] });
    expect(answer.body).toEqual({ created: "JIR-1" });
    const issue = await db.issue.findUniqueOrThrow({ where: { identifier: "JIR-1" }, include: { jiraTicket: true } });
    expect(issue.jiraTicket).toMatchObject({
      projectKey: "OPS",
      state: "pending",
      options: { issueType: "Bug", labels: ["from-tracker"] },
    });
    const jobs = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'jira.sync' AND singleton_key = $1`,
      issue.id,
    );
    expect(jobs[0]!.n).toBe(1);
    expect(await deliveryRow(answer.deliveryId)).toMatchObject({ outcome: "created", issueId: issue.id });
  });

  it("that fails rolls the create back: no issue, no number used, the delivery recorded as failed", async () => {
    const project = await jiraMappedProject("ROLL", "roll-app");
    await db.$executeRawUnsafe(
      `CREATE FUNCTION refuse_ticket() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_ticket BEFORE INSERT ON jira_ticket FOR EACH ROW EXECUTE FUNCTION refuse_ticket()`,
    );
    const failed = await send({ one: true, items: [{ create: "r1", project: "roll-app" }] });
    expect(failed.status).toBe(500);
    expect(await deliveryRow(failed.deliveryId)).toMatchObject({ outcome: "failed", issueId: null });
    expect((await deliveryRow(failed.deliveryId)).reason).toContain("refused");
    expect(await db.issue.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.externalIssue.count({ where: { source: "fake", externalId: "r1" } })).toBe(0);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).issueCounter).toBe(0);

    await db.$executeRawUnsafe(`DROP TRIGGER refuse_ticket ON jira_ticket`);
    expect((await send({ one: true, items: [{ create: "r1", project: "roll-app" }] })).body).toEqual({
      created: "ROLL-1",
    });
  });

  it("concurrent deliveries of one new item create it once, with one ticket, numbered without a gap", async () => {
    const project = await jiraMappedProject("RACE", "race-app");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => send({ one: true, items: [{ create: "x1", project: "race-app" }] })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((answer) => "created" in (answer.body as object))).toHaveLength(1);
    expect(
      answers.filter((answer) => (answer.body as { deduplicated?: string }).deduplicated === "RACE-1"),
    ).toHaveLength(19);
    expect(await db.issue.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db.jiraTicket.count({ where: { issue: { projectId: project.id } } })).toBe(1);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).issueCounter).toBe(1);
  });
});

describe("project mappings", () => {
  it("an edit applies to the very next delivery", async () => {
    expect((await send({ one: true, items: [{ create: "p1", project: "moving-app" }] })).body).toEqual({
      created: "CHIPP-3",
    });
    const project = await db.project.create({ data: { key: "MOVE", name: "Moved" } });
    const mapping = await db.sourceMapping.create({
      data: { source: "fake", externalProject: "moving-app", projectId: project.id },
    });
    expect((await send({ one: true, items: [{ create: "p2", project: "moving-app" }] })).body).toEqual({
      created: "MOVE-1",
    });
    await db.sourceMapping.delete({ where: { id: mapping.id } });
    expect((await send({ one: true, items: [{ create: "p3", project: "moving-app" }] })).body).toEqual({
      created: "CHIPP-4",
    });
  });

  it("the source's fallback mapping catches unmapped projects", async () => {
    const project = await db.project.create({ data: { key: "ANY", name: "Anything" } });
    await db.sourceMapping.create({ data: { source: "fake", externalProject: "*", projectId: project.id } });
    expect((await send({ one: true, items: [{ create: "f1", project: "elsewhere" }] })).body).toEqual({
      created: "ANY-1",
    });
    expect((await send({ one: true, items: [{ create: "f2", project: "moving-app" }] })).body).toEqual({
      created: "ANY-2",
    });
    expect((await send({ one: true, items: [{ create: "f3", project: "jira-app" }] })).body).toEqual({
      created: "JIR-2",
    });
  });
});

describe("concurrent deliveries share the statement that stores them", () => {
  /** The number of deliveries in each store statement sent from now on. */
  function statementBatchSizes(): number[] {
    const sizes: number[] = [];
    const pool = poolOf(db);
    const query = pool.query.bind(pool) as (config: unknown) => Promise<unknown>;
    // The promise form of pool.query; the cast has to name the whole overload set, callback forms included.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    vi.spyOn(pool, "query").mockImplementation(((config: { name?: string; values?: unknown[] }) => {
      if (config.name === "ingest_store_and_look_up")
        sizes.push((JSON.parse(config.values![0] as string) as unknown[]).length);
      return query(config);
    }) as typeof pool.query);
    return sizes;
  }
  afterEach(() => vi.restoreAllMocks());

  it("each caller gets its own item's answer and its own delivery row", async () => {
    const project = await db.project.create({ data: { key: "MIX", name: "Mixed" } });
    await db.sourceMapping.create({ data: { source: "fake", externalProject: "mix-app", projectId: project.id } });
    const other = await db.project.create({ data: { key: "MIY", name: "Mixed too" } });
    await db.sourceMapping.create({ data: { source: "fake", externalProject: "miy-app", projectId: other.id } });
    expect((await send({ one: true, items: [{ create: "seen", project: "mix-app" }] })).body).toEqual({
      created: "MIX-1",
    });

    // Interleaved: repeats of a tracked item, new items of one project, new items of another.
    const messages = Array.from({ length: 30 }, (_, index): FakeMessage => {
      if (index % 3 === 0) return { one: true, items: [{ create: "seen", project: "mix-app" }] };
      return { one: true, items: [{ create: `mix${index}`, project: index % 3 === 1 ? "mix-app" : "miy-app" }] };
    });
    const batchSizes = statementBatchSizes();
    const answers = await Promise.all(messages.map(send));
    expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(30);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    for (const [index, answer] of answers.entries()) {
      const item = messages[index]!.items[0]!.create!;
      const issue = await db.externalIssue.findUniqueOrThrow({
        where: { source_externalId: { source: "fake", externalId: item } },
        include: { issue: true },
      });
      expect(answer.body).toEqual(item === "seen" ? { deduplicated: "MIX-1" } : { created: issue.issue.identifier });
      expect(issue.issue.identifier.startsWith(index % 3 === 2 ? "MIY-" : "MIX-")).toBe(true);
      expect(await deliveryRow(answer.deliveryId)).toMatchObject({
        outcome: item === "seen" ? "deduplicated" : "created",
        externalId: item,
        issueId: issue.issueId,
      });
    }
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).issueCounter).toBe(11);
    expect((await db.project.findUniqueOrThrow({ where: { id: other.id } })).issueCounter).toBe(10);
  });

  it("a large body goes in a statement of its own", async () => {
    const batchSizes = statementBatchSizes();
    const messages: FakeMessage[] = ["big1", "small1", "small2", "small3"].map((item) => ({
      one: true,
      items: [{ create: item, project: "mix-app" }],
    }));
    const bodies = messages.map((message, index) =>
      Buffer.from(JSON.stringify(index === 0 ? { ...message, padding: "x".repeat(100 * 1024) } : message)),
    );
    const answers = await Promise.all(bodies.map((body) => ingestDelivery(db, fake, { body, headers: new Headers() })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect([...batchSizes].sort()).toEqual([1, 3]);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: answers[0]!.deliveryId! } })).rawBody).toBe(
      bodies[0]!.toString(),
    );
  });

  it("one delivery the database refuses fails alone: the others are stored, the row it collided with is untouched", async () => {
    const stored = (id: string, externalId: string) =>
      storeDeliveryAndLookUp(
        db,
        {
          id,
          source: "fake",
          delivery: { body: Buffer.from(`{"item":"${externalId}"}`), headers: new Headers() },
          keptHeaders: [],
        },
        { source: "fake", externalId, externalProject: "app", displayId: externalId },
        true,
      );
    const existing = randomUUID();
    await stored(existing, "first");
    const ids = Array.from({ length: 10 }, () => randomUUID());
    const batchSizes = statementBatchSizes();
    // The 6th reuses the first delivery's id: its batch fails on the primary key, and each delivery is then stored alone.
    const settled = await Promise.allSettled(
      ids.map((id, index) => stored(index === 5 ? existing : id, `batch${index}`)),
    );
    expect(settled.map((result) => result.status)).toEqual(
      ids.map((_, index) => (index === 5 ? "rejected" : "fulfilled")),
    );
    expect(isUniqueViolation((settled[5] as PromiseRejectedResult).reason)).toBe(true);
    const rows = await db.webhookDelivery.findMany({
      where: { id: { in: [existing, ...ids] } },
      select: { id: true, rawBody: true },
    });
    expect(rows).toHaveLength(10);
    expect(rows.find((row) => row.id === existing)?.rawBody).toBe('{"item":"first"}');
    // The ten went out together, failed together, and were then stored one by one.
    expect(batchSizes).toEqual([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
