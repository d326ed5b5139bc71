// Paging an issue's comments and activity newest-first by (created_at, id): with many rows sharing one
// millisecond, walking back page by page must meet every row exactly once, in order.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { getIssue } from "@/lib/issues/get-issue";
import { getOlderActivities, getOlderComments, TIMELINE_PAGE_SIZE } from "@/lib/issues/issue-timeline";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let db: Db;
let issueId: string;
const base = Date.parse("2026-01-01T00:00:00.000Z");

beforeAll(async () => {
  database = await createTestDatabase("issue_timeline");
  db = createDb(database.url, 2);
  const project = await db.project.create({ data: { key: "TIME", name: "Timeline" } });
  const issue = await db.issue.create({
    data: { projectId: project.id, number: 1, identifier: "TIME-1", title: "Busy issue" },
  });
  issueId = issue.id;
  // 120 comments, 7 to a millisecond, so page boundaries fall inside runs of equal timestamps.
  await db.comment.createMany({
    data: Array.from({ length: 120 }, (_, index) => ({
      issueId,
      body: `comment ${index}`,
      createdAt: new Date(base + Math.floor(index / 7)),
    })),
  });
  // 11 activities all in the same millisecond.
  await db.activity.createMany({
    data: Array.from({ length: 11 }, () => ({ issueId, action: "commented", createdAt: new Date(base) })),
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function storedOrder(table: "comment" | "activity"): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM ${table} WHERE issue_id = $1 ORDER BY created_at, id`,
    issueId,
  );
  return rows.map((row) => row.id);
}

it("the issue page gets the newest 50 comments, oldest first, and the counts; older pages reach back to the first without gaps or repeats", async () => {
  const issue = await getIssue(db, "TIME-1");
  expect(issue?.commentCount).toBe(120);
  expect(issue?.activityCount).toBe(11);
  const newest = issue!.comments;
  expect(newest.items).toHaveLength(TIMELINE_PAGE_SIZE);
  expect(newest.hasOlder).toBe(true);
  expect(newest.items.at(-1)?.body).toBe("comment 119");

  let shown = newest.items;
  const pageSizes: number[] = [];
  for (let more = newest.hasOlder; more; ) {
    const page = await getOlderComments(db, { issueId, before: { createdAt: shown[0]!.createdAt, id: shown[0]!.id } });
    pageSizes.push(page.items.length);
    shown = [...page.items, ...shown];
    more = page.hasOlder;
  }
  expect(pageSizes).toEqual([50, 20]);
  expect(shown.map((comment) => comment.id)).toEqual(await storedOrder("comment"));
});

it("pages of 3 through 11 rows of one millisecond meet each row once", async () => {
  const all = await storedOrder("activity");
  // A cursor a millisecond after the newest rows starts the walk.
  let before = { createdAt: new Date(base + 1), id: "0" };
  const seen: string[] = [];
  const hasOlder: boolean[] = [];
  for (;;) {
    const page = await getOlderActivities(db, { issueId, before }, 3);
    seen.unshift(...page.items.map((activity) => activity.id));
    hasOlder.push(page.hasOlder);
    if (!page.hasOlder) break;
    before = { createdAt: page.items[0]!.createdAt, id: page.items[0]!.id };
  }
  expect(seen).toEqual(all);
  expect(hasOlder).toEqual([true, true, true, false]);
});

it("a page exactly as long as what is left says nothing is older", async () => {
  const all = await storedOrder("activity");
  const fourth = await db.activity.findUniqueOrThrow({ where: { id: all[3]! } });
  const page = await getOlderActivities(db, { issueId, before: { createdAt: fourth.createdAt, id: fourth.id } }, 3);
  expect(page.items.map((activity) => activity.id)).toEqual(all.slice(0, 3));
  expect(page.hasOlder).toBe(false);
});

it("refuses a malformed cursor", async () => {
  await expect(
    getOlderComments(db, { issueId: "not-a-uuid", before: { createdAt: "yesterday", id: "" } }),
  ).rejects.toThrow(/issueId/);
});
