// Bulk changes (lib/issues/bulk-update.ts) and the occurrence counters ingestion keeps on an issue, against
// a real PostgreSQL: inline and queued bulk changes touch each issue exactly once whatever crashes or runs
// twice; every duplicate delivery counts once on its issue, lifecycle deliveries do not.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ingestDelivery } from "@/lib/ingest/ingest-delivery";
import { bulkUpdateIssues, getBulkProgress, runBulkOperation } from "@/lib/issues/bulk-update";
import { clearLabelCache } from "@/lib/issues/ensure-labels";
import { createLabel } from "@/lib/issues/pick-options";
import { sentryAdapter } from "@/lib/sources/sentry/adapter";
import type { Decision, SourceAdapter } from "@/lib/sources/types";
import { InvalidInputError } from "@/lib/validation";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { sentryIssuePayload } from "../support/sentry";

let database: TestDatabase;
let db: Db;
let editor: { userId: string };
let projectId: string;

beforeAll(async () => {
  delete process.env.SENTRY_CLIENT_SECRET; // deliveries go through the pipeline in-process, unsigned (not production)
  database = await createTestDatabase("triage_bulk_ingest");
  db = createDb(database.url, 8);
  clearLabelCache();
  editor = { userId: (await db.user.create({ data: { email: "bulk@example.com" } })).id };
  projectId = (await db.project.create({ data: { key: "BLK", name: "Bulk" } })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

// ---- helpers ----------------------------------------------------------------------------------------

/** `n` issues in one statement (numbered from the project counter), in `status`; their ids in creation order. */
async function seedIssues(n: number, status = "triage"): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `WITH counter AS (UPDATE project SET issue_counter = issue_counter + $2 WHERE id = $1 RETURNING issue_counter - $2 AS base, key)
     INSERT INTO issue (id, project_id, number, identifier, title, status, updated_at)
     SELECT gen_random_uuid()::text, $1, base + g, key || '-' || (base + g), 'Seeded ' || g, $3::"IssueStatus", now()
       FROM counter, generate_series(1, $2) AS g ORDER BY g RETURNING id`,
    projectId,
    n,
    status,
  );
  return rows.map((row) => row.id);
}

/** Status activities per issue id (only the ones that have any). */
async function statusChangesPerIssue(issueIds: string[]): Promise<Map<string, number>> {
  const rows = await db.activity.groupBy({
    by: ["issueId"],
    where: { issueId: { in: issueIds }, action: "status_changed" },
    _count: true,
  });
  return new Map(rows.map((row) => [row.issueId, row._count]));
}

async function expectEachChangedOnce(issueIds: string[], status: string) {
  const counts = await statusChangesPerIssue(issueIds);
  expect(counts.size).toBe(issueIds.length);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  expect(await db.issue.count({ where: { id: { in: issueIds }, status: status as never } })).toBe(issueIds.length);
  expect(await db.issueEvent.count({ where: { issueId: { in: issueIds }, kind: "updated" } })).toBe(issueIds.length);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Runs `body` while a trigger refuses any update of issue `id` (a failure part-way through a bulk change). */
async function withRefusedIssue(id: string, body: () => Promise<void>) {
  await db.$executeRawUnsafe(
    `CREATE FUNCTION refuse_issue() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = '${id}' THEN RAISE EXCEPTION 'issue refused'; END IF; RETURN NEW; END $$`,
  );
  await db.$executeRawUnsafe(
    `CREATE TRIGGER refuse_issue BEFORE UPDATE ON issue FOR EACH ROW EXECUTE FUNCTION refuse_issue()`,
  );
  try {
    await body();
  } finally {
    await db.$executeRawUnsafe(`DROP TRIGGER refuse_issue ON issue`);
    await db.$executeRawUnsafe(`DROP FUNCTION refuse_issue()`);
  }
}

const queued = async (issueIds: string[], patch: object, by = editor) => {
  const result = await bulkUpdateIssues(db, { issueIds, patch }, by);
  if (result.kind !== "queued") throw new Error(`expected a queued bulk change, got ${JSON.stringify(result)}`);
  return result.operationId;
};

// ---- 5. bulk changes ----------------------------------------------------------------------------------

describe("bulk changes within the request (≤ 300 issues)", () => {
  it("changes 250 issues: one activity per changed issue; those already at the value are untouched", async () => {
    const changing = await seedIssues(200);
    const already = await seedIssues(50, "done");
    const result = await bulkUpdateIssues(
      db,
      { issueIds: [...changing, ...already, changing[0]!], patch: { status: "done" } },
      editor,
    );
    expect(result).toEqual({ kind: "done", issues: 250, changed: 200 });
    await expectEachChangedOnce(changing, "done");
    expect(await db.activity.count({ where: { issueId: { in: already } } })).toBe(0);
    expect(await db.issueEvent.count({ where: { issueId: { in: already } } })).toBe(0);
    expect(await db.bulkOperation.count()).toBe(0);
  });

  it("adds a label to each issue once", async () => {
    const label = await createLabel(db, { name: "bulk-label", color: "#abcdef" });
    const issues = await seedIssues(120);
    await bulkUpdateIssues(db, { issueIds: issues, patch: { addLabelIds: [label.id] } }, editor);
    expect(await bulkUpdateIssues(db, { issueIds: issues, patch: { addLabelIds: [label.id] } }, editor)).toMatchObject({
      changed: 0,
    });
    expect(await db.issueLabel.count({ where: { labelId: label.id } })).toBe(120);
    expect(await db.activity.count({ where: { issueId: { in: issues }, action: "labels_changed" } })).toBe(120);
  });

  it("all or nothing: an issue that cannot change (its 250th of 300) leaves every issue as it was", async () => {
    const issues = await seedIssues(300);
    // Id order is the order issues change in, so this one comes after two chunks' worth have changed.
    const blocked = [...issues].sort()[250]!;
    await withRefusedIssue(blocked, async () => {
      await expect(bulkUpdateIssues(db, { issueIds: issues, patch: { status: "todo" } }, editor)).rejects.toThrow(
        "issue refused",
      );
    });
    expect(await db.issue.count({ where: { id: { in: issues }, status: "triage" } })).toBe(300);
    expect(await db.activity.count({ where: { issueId: { in: issues } } })).toBe(0);
    expect(await db.issueEvent.count({ where: { issueId: { in: issues } } })).toBe(0);

    expect(await bulkUpdateIssues(db, { issueIds: issues, patch: { status: "todo" } }, editor)).toEqual({
      kind: "done",
      issues: 300,
      changed: 300,
    });
    await expectEachChangedOnce(issues, "todo");
  });

  it.each([
    ["no issues", { issueIds: [], patch: { status: "done" } }, "Select at least one issue"],
    ["a bad issue id", { issueIds: ["x"], patch: { status: "done" } }, "0"],
    ["a title (not a bulk field)", { issueIds: [randomUUID()], patch: { title: "All the same" } }, "title"],
    ["an empty patch", { issueIds: [randomUUID()], patch: {} }, "Nothing to change"],
  ])("refuses %s with InvalidInputError", async (_name, input, mentions) => {
    const error = await rejection(bulkUpdateIssues(db, input, editor));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.publicMessage).toContain(mentions);
  });
});

describe("bulk changes as a job (> 300 issues)", () => {
  it("1,200 issues: queued with its job, then runBulkOperation completes all of them", async () => {
    const issues = await seedIssues(1200);
    const operationId = await queued(issues, { status: "todo" });
    const [job] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'issues.bulk' AND data->>'operationId' = $1`,
      operationId,
    );
    expect(job!.n).toBe(1);
    expect(await getBulkProgress(db, operationId, editor.userId)).toEqual({
      id: operationId,
      state: "queued",
      done: 0,
      total: 1200,
      error: null,
    });
    expect(await db.activity.count({ where: { issueId: { in: issues } } })).toBe(0); // nothing inline

    await runBulkOperation(db, operationId);
    expect(await getBulkProgress(db, operationId, editor.userId)).toEqual({
      id: operationId,
      state: "done",
      done: 1200,
      total: 1200,
      error: null,
    });
    await expectEachChangedOnce(issues, "todo");
    await runBulkOperation(db, operationId); // a finished operation is not run again
    await expectEachChangedOnce(issues, "todo");
  });

  it("run twice at once (a job expired and restarted): no issue changed twice, none skipped", async () => {
    const issues = await seedIssues(1000);
    const operationId = await queued(issues, { status: "backlog" });
    await Promise.all([runBulkOperation(db, operationId), runBulkOperation(db, operationId)]);
    expect(await getBulkProgress(db, operationId, editor.userId)).toMatchObject({
      state: "done",
      done: 1000,
      total: 1000,
    });
    await expectEachChangedOnce(issues, "backlog");
  });

  it("a chunk that fails mid-way keeps the chunks before it; resuming finishes the rest exactly once", async () => {
    const issues = await seedIssues(700);
    const operationId = await queued(issues, { status: "in_progress" });
    // The 551st issue of the selection (in its sixth chunk of 100) cannot be changed until the trigger goes.
    // Chunks follow the selection's order; ids sorted would land it in a random chunk, the first one included.
    const blocked = issues[550]!;
    await withRefusedIssue(blocked, async () => {
      await expect(runBulkOperation(db, operationId)).rejects.toThrow("issue refused");
    });
    const stopped = await getBulkProgress(db, operationId, editor.userId);
    expect(stopped.state).toBe("running");
    const changedSoFar = await statusChangesPerIssue(issues);
    // Whole chunks only: the failing chunk rolled back with its progress.
    expect(changedSoFar.size).toBe(stopped.done);
    expect(stopped.done % 100).toBe(0);
    expect(changedSoFar.has(blocked)).toBe(false);

    await runBulkOperation(db, operationId);
    expect(await getBulkProgress(db, operationId, editor.userId)).toMatchObject({
      state: "done",
      done: 700,
      total: 700,
    });
    await expectEachChangedOnce(issues, "in_progress");
  });

  it("whose starter was deleted fails with the reason, changing nothing more", async () => {
    const starter = await db.user.create({ data: { email: `leaver-${randomUUID()}@example.com` } });
    const issues = await seedIssues(350);
    const operationId = await queued(issues, { priority: "P1" }, { userId: starter.id });
    await db.user.delete({ where: { id: starter.id } });
    await runBulkOperation(db, operationId);
    expect(await db.bulkOperation.findUniqueOrThrow({ where: { id: operationId } })).toMatchObject({
      state: "failed",
      done: 0,
      error: expect.stringContaining("no longer exists"),
    });
    expect(await db.activity.count({ where: { issueId: { in: issues } } })).toBe(0);
  });

  it("progress is shown only to the person who started it", async () => {
    const someoneElse = await db.user.create({ data: { email: `nosy-${randomUUID()}@example.com` } });
    const operationId = await queued(await seedIssues(301), { priority: "P2" });
    expect((await rejection(getBulkProgress(db, operationId, someoneElse.id))).code).toBe("not_found");
    expect((await rejection(getBulkProgress(db, "not-a-uuid", editor.userId))).code).toBe("not_found");
    expect((await rejection(getBulkProgress(db, randomUUID(), editor.userId))).code).toBe("not_found");
    expect((await getBulkProgress(db, operationId, editor.userId)).total).toBe(301);
  });
});

// ---- 6. ingestion counters ---------------------------------------------------------------------------

const T0 = Date.parse("2026-11-20T10:00:00Z") / 1000;

function sentry(payload: object, hookMinute = 0) {
  return ingestDelivery(db, sentryAdapter, {
    body: Buffer.from(JSON.stringify(payload)),
    headers: new Headers({
      "content-type": "application/json",
      "sentry-hook-resource": "issue",
      "sentry-hook-timestamp": String(T0 + hookMinute * 60),
    }),
  });
}

const trackedIssue = async (sentryId: string) => {
  const link = await db.externalIssue.findUniqueOrThrow({
    where: { source_externalId: { source: "sentry", externalId: sentryId } },
    include: { issue: true },
  });
  return link.issue;
};

describe("occurrence counters kept by ingestion", () => {
  it("a new issue counts 1; each duplicate delivery adds one and moves last_seen_at", async () => {
    const created = await sentry(sentryIssuePayload({ id: "5001" }));
    expect(created.status).toBe(200);
    const first = await trackedIssue("5001");
    expect(first).toMatchObject({ source: "sentry", eventCount: 1 });
    expect(first.lastSeenAt).toBeInstanceOf(Date);

    for (let n = 0; n < 3; n++)
      expect((await sentry(sentryIssuePayload({ id: "5001" }))).body).toMatchObject({ deduplicated: true });
    const later = await trackedIssue("5001");
    expect(later.eventCount).toBe(4);
    expect(later.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(first.lastSeenAt!.getTime());
  });

  it("50 concurrent duplicates (batched into shared statements) add exactly 50", async () => {
    await sentry(sentryIssuePayload({ id: "5002" }));
    const answers = await Promise.all(Array.from({ length: 50 }, () => sentry(sentryIssuePayload({ id: "5002" }))));
    expect(answers.every((answer) => (answer.body as { deduplicated?: boolean }).deduplicated === true)).toBe(true);
    expect((await trackedIssue("5002")).eventCount).toBe(51);
    expect(await db.webhookDelivery.count({ where: { externalId: "5002", outcome: "deduplicated" } })).toBe(50);
  });

  it("concurrent first deliveries of a new issue: one create, every delivery counted", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => sentry(sentryIssuePayload({ id: "5003" }))));
    expect(answers.filter((answer) => !(answer.body as { deduplicated?: boolean }).deduplicated)).toHaveLength(1);
    expect((await trackedIssue("5003")).eventCount).toBe(20);
  });

  it("lifecycle deliveries (resolved) do not count; a regression that reopens stamps regressed_at", async () => {
    await sentry(sentryIssuePayload({ id: "5004", substatus: null }), 1);
    const resolved = { ...sentryIssuePayload({ id: "5004", action: "resolved", substatus: null }) };
    Object.assign(resolved.data, { resolution_type: "in_release" });
    expect((await sentry(resolved, 10)).body).toMatchObject({ message: expect.stringContaining("resolved") });
    expect(await trackedIssue("5004")).toMatchObject({ status: "done", eventCount: 1, regressedAt: null });
    await sentry(resolved, 11); // a replay
    expect((await trackedIssue("5004")).eventCount).toBe(1);

    const regression = sentryIssuePayload({ id: "5004", action: "unresolved", substatus: "regressed" });
    regression.data.issue.lastSeen = new Date((T0 + 20 * 60) * 1000).toISOString();
    await sentry(regression, 20);
    const reopened = await trackedIssue("5004");
    expect(reopened.status).toBe("todo");
    expect(reopened.regressedAt?.toISOString()).toBe(regression.data.issue.lastSeen);
  });

  it("a message of several items (as GlitchTip sends): each tracked item counts once", async () => {
    // A source whose messages list items by id, like a GlitchTip alert with several attachments.
    const many: SourceAdapter = {
      source: "many",
      logPrefix: "[Many]",
      senderName: "Many",
      keptHeaders: ["content-type"],
      verify: () => ({ ok: true }),
      interpret: (payload) =>
        (payload as string[]).map(
          (id): Decision => ({
            kind: "create",
            issue: {
              source: "many",
              externalProject: "app",
              displayId: id,
              externalId: id,
              externalUrl: null,
              title: `Alert ${id}`,
              description: "",
              priority: "P3",
              labels: [],
              metadata: {},
            },
          }),
        ),
      present: {
        created: () => ({}),
        deduplicated: () => ({}),
        updated: () => ({}),
        skipped: () => ({}),
        many: (items) => items.map((item) => item.outcome),
      },
    };
    const send = (ids: string[]) =>
      ingestDelivery(db, many, {
        body: Buffer.from(JSON.stringify(ids)),
        headers: new Headers({ "content-type": "application/json" }),
      });
    expect((await send(["m1", "m2"])).body).toEqual(["created", "created"]);
    expect((await send(["m1", "m2", "m3"])).body).toEqual(["deduplicated", "deduplicated", "created"]);
    const counts = await db.externalIssue.findMany({
      where: { source: "many" },
      select: { externalId: true, issue: { select: { eventCount: true } } },
      orderBy: { externalId: "asc" },
    });
    expect(counts.map((link) => [link.externalId, link.issue.eventCount])).toEqual([
      ["m1", 2],
      ["m2", 2],
      ["m3", 1],
    ]);
  });
});
