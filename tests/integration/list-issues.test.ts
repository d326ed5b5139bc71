// The issue list's query layer against real PostgreSQL: every filter alone and combined, each sort's
// order and keyset paging both ways across ties, views, capped totals and view counts, "select all
// matching" ids, and query strings that are garbage. Issues are seeded with plain SQL, and what each
// query should return is worked out from the same seed in JavaScript.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, poolOf } from "@/lib/db";
import { countViews } from "@/lib/issues/count-views";
import { RANKED_CANDIDATES } from "@/lib/issues/issue-list-sql";
import { decodeCursor, encodeCursor, type IssueQuery, issueQueryHref, parseIssueQuery } from "@/lib/issues/issue-query";
import { listIssues } from "@/lib/issues/list-issues";
import { resolveIssueIds } from "@/lib/issues/resolve-issue-ids";
import { createTestDatabase, type TestDatabase } from "../support/database";

const STATUSES = ["triage", "backlog", "todo", "in_progress", "done", "canceled"] as const;
const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
const SOURCES = ["sentry", "glitchtip", "generic", "manual"] as const;
const ME = randomUUID();
const OTHER = randomUUID();
const BASE = Date.parse("2026-10-01T00:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const COUNT = 41;

interface Seed {
  id: string;
  project: "CHIPP" | "WEB";
  status: (typeof STATUSES)[number];
  priority: (typeof PRIORITIES)[number];
  source: (typeof SOURCES)[number];
  assignee: string | null;
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number | null;
  eventCount: number;
  regressedAt: number | null;
  labels: string[];
  jira: "created" | "pending" | null;
}

// Ties on purpose: three issues per created_at, repeated event counts and last-seen times.
const seeds: Seed[] = Array.from({ length: COUNT }, (_, index) => {
  const i = index + 1;
  return {
    id: `iss-${String(i).padStart(3, "0")}`,
    project: i % 3 === 0 ? "WEB" : "CHIPP",
    status: STATUSES[i % 6]!,
    priority: PRIORITIES[i % 4]!,
    source: SOURCES[i % 4]!,
    assignee: i % 5 === 0 ? ME : i % 5 === 1 ? OTHER : null,
    createdAt: BASE + Math.floor(i / 3) * HOUR,
    updatedAt: BASE + 10 * DAY + ((i * 7) % 20) * 60_000,
    lastSeenAt: i % 4 === 3 ? null : BASE + ((i * 11) % 20) * 60_000,
    eventCount: i % 7,
    regressedAt: i === 7 ? Date.now() - DAY : i === 8 ? Date.now() - 8 * DAY : null,
    labels: [...(i % 2 === 0 ? ["bug"] : []), ...(i % 3 === 0 ? ["perf"] : []), ...(i === 5 ? ["a,b"] : [])],
    jira: i % 10 === 1 ? "created" : i % 10 === 2 ? "pending" : null,
  };
});

let database: TestDatabase;
let db: Db;

async function seed(): Promise<void> {
  const pool = poolOf(db);
  await pool.query(`INSERT INTO project (id, key, name) VALUES ('p-chipp', 'CHIPP', 'Chipp'), ('p-web', 'WEB', 'Web')`);
  await pool.query(
    `INSERT INTO "user" (id, email, name, updated_at) VALUES ($1, 'me@example.com', 'Me', now()), ($2, 'other@example.com', 'Other', now())`,
    [ME, OTHER],
  );
  await pool.query(
    `INSERT INTO label (id, name, color) VALUES ('l-bug', 'bug', '#f00'), ('l-perf', 'perf', '#0f0'), ('l-ab', 'a,b', '#00f')`,
  );
  await pool.query(
    `INSERT INTO jira_connection (id, name, base_url, token_encrypted, updated_at) VALUES ('jc', 'Acme', 'https://acme.example', 'x', now())`,
  );
  const numbers = { CHIPP: 0, WEB: 0 };
  for (const s of seeds) {
    const number = ++numbers[s.project];
    await pool.query(
      `INSERT INTO issue (id, project_id, number, identifier, title, status, priority, source, assignee_id, created_at, updated_at, last_seen_at, event_count, regressed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        s.id,
        s.project === "WEB" ? "p-web" : "p-chipp",
        number,
        `${s.project}-${number}`,
        `Error ${s.id}`,
        s.status,
        s.priority,
        s.source,
        s.assignee,
        new Date(s.createdAt),
        new Date(s.updatedAt),
        s.lastSeenAt === null ? null : new Date(s.lastSeenAt),
        s.eventCount,
        s.regressedAt === null ? null : new Date(s.regressedAt),
      ],
    );
    for (const label of s.labels) {
      await pool.query(`INSERT INTO issue_label (issue_id, label_id) SELECT $1, id FROM label WHERE name = $2`, [
        s.id,
        label,
      ]);
    }
    if (s.jira) {
      await pool.query(
        `INSERT INTO jira_ticket (issue_id, connection_id, project_key, fingerprint, options, state, ticket_key, updated_at)
         VALUES ($1, 'jc', 'OPS', $2, '{}', $3, $4, now())`,
        [
          s.id,
          `tracker-${s.id}`,
          s.jira === "created" ? "created" : "pending",
          s.jira === "created" ? `OPS-${s.id.slice(4)}` : null,
        ],
      );
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase("list_issues");
  db = createDb(database.url, 3);
  await seed();
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const q = (params: Record<string, string | string[]>): IssueQuery => parseIssueQuery(params);
const idsOf = async (query: IssueQuery, pageSize = 100) =>
  (await listIssues(db, query, { userId: ME, pageSize })).issues.map((issue) => issue.id);

type Comparator = (a: Seed, b: Seed) => number;
const byIdDesc: Comparator = (a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const desc =
  (key: (s: Seed) => number): Comparator =>
  (a, b) =>
    key(b) - key(a) || byIdDesc(a, b);
const ORDERS: Record<string, Comparator> = {
  newest: desc((s) => s.createdAt),
  updated: desc((s) => s.updatedAt),
  events: desc((s) => s.eventCount),
  priority: (a, b) => a.priority.localeCompare(b.priority) || desc((s) => s.createdAt)(a, b),
  last_seen: (a, b) =>
    a.lastSeenAt === null || b.lastSeenAt === null
      ? Number(a.lastSeenAt === null) - Number(b.lastSeenAt === null) || byIdDesc(a, b)
      : desc((s) => s.lastSeenAt!)(a, b),
};
const expected = (filter: (s: Seed) => boolean, order: Comparator = ORDERS.newest!) =>
  seeds
    .filter(filter)
    .sort(order)
    .map((s) => s.id);

describe("filters", () => {
  const cases: [string, Record<string, string>, (s: Seed) => boolean][] = [
    ["status", { status: "todo,in_progress" }, (s) => ["todo", "in_progress"].includes(s.status)],
    ["priority", { priority: "P1" }, (s) => s.priority === "P1"],
    ["project", { project: "web" }, (s) => s.project === "WEB"],
    ["label", { label: "perf" }, (s) => s.labels.includes("perf")],
    ["several labels (any of)", { label: "perf,a%2Cb" }, (s) => s.labels.includes("perf") || s.labels.includes("a,b")],
    ["source", { source: "glitchtip,manual" }, (s) => ["glitchtip", "manual"].includes(s.source)],
    ["assignee me", { assignee: "me" }, (s) => s.assignee === ME],
    ["assignee none", { assignee: "none" }, (s) => s.assignee === null],
    ["assignee id or none", { assignee: `${OTHER},none` }, (s) => s.assignee === OTHER || s.assignee === null],
    ["jira has", { jira: "has" }, (s) => s.jira === "created"],
    ["jira pending", { jira: "pending" }, (s) => s.jira === "pending"],
    ["jira none", { jira: "none" }, (s) => s.jira === null],
    ["created range", { createdAfter: "2026-10-01", createdBefore: "2026-10-01" }, (s) => s.createdAt < BASE + DAY],
    ["created after", { createdAfter: "2026-10-02" }, (s) => s.createdAt >= BASE + DAY],
    ["updated range", { updatedAfter: "2026-10-11", updatedBefore: "2026-10-11" }, () => true],
    ["updated before (none)", { updatedBefore: "2026-10-10" }, () => false],
    ["view my", { view: "my" }, (s) => s.assignee === ME && !["done", "canceled"].includes(s.status)],
    ["view triage", { view: "triage" }, (s) => s.status === "triage"],
    ["view active", { view: "active" }, (s) => ["todo", "in_progress"].includes(s.status)],
    [
      "view regressed (last 7 days)",
      { view: "regressed" },
      (s) => s.regressedAt !== null && s.regressedAt > Date.now() - 7 * DAY,
    ],
    [
      "status + priority + label",
      { status: "triage,todo,backlog", priority: "P1,P2", label: "bug" },
      (s) =>
        ["triage", "todo", "backlog"].includes(s.status) &&
        ["P1", "P2"].includes(s.priority) &&
        s.labels.includes("bug"),
    ],
    [
      "view + project + source + jira",
      { view: "active", project: "CHIPP", source: "sentry,glitchtip,generic", jira: "none" },
      (s) =>
        ["todo", "in_progress"].includes(s.status) && s.project === "CHIPP" && s.source !== "manual" && s.jira === null,
    ],
    ["my view + assignee none (nothing)", { view: "my", assignee: "none" }, () => false],
  ];
  it.each(cases)("%s", async (_name, params, filter) => {
    const want = expected(filter);
    expect(await idsOf(q(params))).toEqual(want);
    const page = await listIssues(db, q(params), { userId: ME });
    expect(page.total).toEqual({ count: want.length, capped: false });
    expect((await resolveIssueIds(db, q(params), { userId: ME, limit: 1000 })).sort()).toEqual([...want].sort());
  });

  it("the label filter follows issue_label as labels are removed, relabelled and deleted", async () => {
    // label_ids on issue is a copy kept by a trigger; issue_label is what every writer changes.
    const pool = poolOf(db);
    const ids = async (label: string) =>
      (await listIssues(db, q({ label }), { userId: ME, pageSize: 100 })).issues.map((issue) => issue.id).sort();
    const before = await ids("perf");
    expect(before.length).toBeGreaterThan(2);
    await pool.query(`INSERT INTO label (id, name, color) VALUES ('l-tmp', 'tmp', '#123')`);
    try {
      await pool.query(`DELETE FROM issue_label WHERE issue_id = $1 AND label_id = 'l-perf'`, [before[0]]);
      await pool.query(`UPDATE issue_label SET label_id = 'l-tmp' WHERE issue_id = $1 AND label_id = 'l-perf'`, [
        before[1],
      ]);
      expect(await ids("perf")).toEqual(before.slice(2));
      expect(await ids("tmp")).toEqual([before[1]]);
      await pool.query(`DELETE FROM label WHERE id = 'l-tmp'`); // cascades to issue_label
      expect(await ids("tmp")).toEqual([]);
      expect(
        (await pool.query(`SELECT label_ids FROM issue WHERE id = $1`, [before[1]])).rows[0].label_ids,
      ).not.toContain("l-tmp");
    } finally {
      await pool.query(`DELETE FROM label WHERE id = 'l-tmp'`);
      await pool.query(
        `INSERT INTO issue_label (issue_id, label_id) VALUES ($1, 'l-perf'), ($2, 'l-perf') ON CONFLICT DO NOTHING`,
        [before[0], before[1]],
      );
    }
    expect(await ids("perf")).toEqual(before);
  });

  it("loads relations: assignee, labels (by name), Jira ticket, source and counts", async () => {
    const [issue] = (await listIssues(db, q({ label: "a,b".replace(",", "%2C") }), { userId: ME })).issues;
    expect(issue).toMatchObject({
      id: "iss-005",
      identifier: "CHIPP-4",
      source: "glitchtip",
      eventCount: 5,
      assignee: { id: ME, name: "Me", email: "me@example.com" },
      labels: [{ id: "l-ab", name: "a,b", color: "#00f" }],
      jiraTicket: null,
      highlight: { title: [{ text: "Error iss-005", match: false }], snippet: null },
    });
    const [ticketed] = (await listIssues(db, q({ jira: "has", project: "CHIPP" }), { userId: ME, pageSize: 1 })).issues;
    expect(ticketed?.jiraTicket).toEqual({
      state: "created",
      ticketKey: `OPS-${ticketed!.id.slice(4)}`,
      ticketUrl: null,
      notBefore: null,
      lastError: null,
      connection: { name: "Acme", status: "unknown", statusReason: null },
    });
    expect(ticketed?.createdAt).toBeInstanceOf(Date);
  });

  it("resolveIssueIds stops at its limit", async () => {
    expect(await resolveIssueIds(db, q({}), { userId: ME, limit: 5 })).toHaveLength(5);
  });
});

describe("sorts and keyset paging", () => {
  async function walkForward(query: IssueQuery, pageSize: number) {
    const pages = [];
    let page = await listIssues(db, query, { userId: ME, pageSize });
    pages.push(page);
    while (page.nextCursor) {
      page = await listIssues(db, { ...query, after: page.nextCursor }, { userId: ME, pageSize });
      pages.push(page);
      expect(pages.length).toBeLessThan(50);
    }
    return pages;
  }

  it.each(Object.keys(ORDERS))("%s: order, forward and backward pages, no row skipped or repeated", async (sort) => {
    for (const [params, filter] of [
      [{ sort }, () => true],
      [{ sort, status: "triage,backlog,todo,in_progress" }, (s: Seed) => !["done", "canceled"].includes(s.status)],
    ] as const) {
      const want = expected(filter, ORDERS[sort]);
      const query = q(params);
      expect(await idsOf(query)).toEqual(want);
      for (const pageSize of [1, 4, 7]) {
        const pages = await walkForward(query, pageSize);
        expect(pages.flatMap((page) => page.issues.map((issue) => issue.id))).toEqual(want);
        expect(pages[0]!.prevCursor).toBeNull();
        expect(pages.at(-1)!.nextCursor).toBeNull();
        // Back from the last page, one page at a time: the same pages in reverse.
        const back = [pages.at(-1)!];
        while (back.at(-1)!.prevCursor) {
          back.push(await listIssues(db, { ...query, before: back.at(-1)!.prevCursor! }, { userId: ME, pageSize }));
          expect(back.length).toBeLessThanOrEqual(pages.length);
        }
        expect(back.reverse().map((page) => page.issues.map((issue) => issue.id))).toEqual(
          pages.map((page) => page.issues.map((issue) => issue.id)),
        );
        // A page reached going back links forward to exactly the page after it.
        if (pages.length > 2) {
          const again = await listIssues(db, { ...query, after: back[1]!.nextCursor! }, { userId: ME, pageSize });
          expect(again.issues.map((issue) => issue.id)).toEqual(pages[2]!.issues.map((issue) => issue.id));
        }
      }
    }
  });

  it("the cursor of any row starts the next page right after it (row 10 of newest)", async () => {
    const want = expected(() => true);
    const row = seeds.find((s) => s.id === want[9])!;
    const after = encodeCursor({ sort: "newest", group: 0, value: new Date(row.createdAt).toISOString(), id: row.id });
    expect(await idsOf({ ...q({}), after }, 5)).toEqual(want.slice(10, 15));
  });

  it("a cursor of another sort, or one that does not fit, starts at the first page", async () => {
    const first = await idsOf(q({}), 5);
    const events = encodeCursor({ sort: "events", group: 0, value: 3, id: "iss-010" });
    expect(await idsOf({ ...q({}), after: events }, 5)).toEqual(first);
    const wrongType = encodeCursor({ sort: "newest", group: 0, value: 3, id: "iss-010" });
    expect(await idsOf({ ...q({}), after: wrongType }, 5)).toEqual(first);
    const noGroup = encodeCursor({ sort: "newest", group: 4, value: "2026-10-01T00:00:00.000Z", id: "iss-010" });
    expect(await idsOf({ ...q({}), before: noGroup }, 5)).toEqual(first);
  });
});

describe("view counts", () => {
  it("counts the five views", async () => {
    const count = (filter: (s: Seed) => boolean) => ({ count: seeds.filter(filter).length, capped: false });
    expect(await countViews(db, ME)).toEqual({
      all: count(() => true),
      my: count((s) => s.assignee === ME && !["done", "canceled"].includes(s.status)),
      triage: count((s) => s.status === "triage"),
      active: count((s) => ["todo", "in_progress"].includes(s.status)),
      regressed: count((s) => s.regressedAt !== null && s.regressedAt > Date.now() - 7 * DAY),
    });
  });
});

describe("parseIssueQuery and issueQueryHref", () => {
  it("drops unknown values and keeps known ones", () => {
    const query = parseIssueQuery({
      status: "todo,bogus,in_progress,todo",
      priority: ["P1", "P9"],
      source: "sentry,jira",
      assignee: "me,none,not-a-uuid",
      jira: "maybe",
      view: "everything",
      sort: "random",
      createdAfter: "2026-02-30",
      createdBefore: "2026-12-01",
      page: "-3",
      unknown: "x",
    });
    expect(query).toEqual({
      q: undefined,
      status: ["todo", "in_progress"],
      priority: ["P1"],
      project: [],
      label: [],
      source: ["sentry"],
      assignee: ["me", "none"],
      jira: undefined,
      createdAfter: undefined,
      createdBefore: "2026-12-01",
      updatedAfter: undefined,
      updatedBefore: undefined,
      sort: undefined,
      view: "all",
      after: undefined,
      before: undefined,
    });
  });

  it("makes hostile input safe: garbage cursors, a 10 KB q, 1000-value arrays", async () => {
    const huge = "timeout ".repeat(1300);
    const query = parseIssueQuery({
      q: huge,
      after: "garbage!!",
      before: Buffer.from('["newest",0,{"$gt":1},"x"]').toString("base64url"),
      status: Array.from({ length: 1000 }, (_, i) => STATUSES[i % 6]!).join(","),
      label: Array.from({ length: 1000 }, (_, i) => `label-${i}`),
      project: "x".repeat(10_000),
      assignee: Array.from({ length: 1000 }, () => randomUUID()).join(","),
    });
    expect(query.q!.length).toBeLessThanOrEqual(200);
    expect(query.after).toBeUndefined();
    expect(query.before).toBeUndefined();
    expect(query.status).toHaveLength(6);
    expect(query.label).toHaveLength(50);
    expect(query.project).toEqual([]);
    expect(query.assignee).toHaveLength(50);
    // And the database takes them.
    await expect(listIssues(db, query, { userId: ME })).resolves.toMatchObject({ issues: [] });
    await expect(
      listIssues(db, parseIssueQuery({ q: "'; DROP TABLE issue; --", label: "%_\\" }), { userId: ME }),
    ).resolves.toMatchObject({ issues: [] });
    await expect(listIssues(db, parseIssueQuery({ q: "%", status: "todo" }), { userId: ME })).resolves.toMatchObject({
      issues: [],
    });
    expect(await idsOf(q({ q: "()!&|:*" }))).toEqual([]);
  });

  it("writes comma-separated lists, resets the cursor on a change and round-trips", () => {
    const query = parseIssueQuery({
      status: "todo",
      priority: "P1",
      after: encodeCursor({ sort: "newest", group: 0, value: "2026-10-01T00:00:00.000Z", id: "a" }),
    });
    expect(issueQueryHref(query, {})).toBe("/issues?status=todo&priority=P1");
    expect(issueQueryHref(query, { priority: [] })).toBe("/issues?status=todo");
    expect(issueQueryHref(parseIssueQuery({}), {})).toBe("/issues");
    const full = parseIssueQuery({
      q: "data base & more",
      status: "todo,in_progress",
      label: "a%2Cb,bug",
      view: "my",
      sort: "events",
    });
    const href = issueQueryHref(full, { after: query.after });
    expect(href).toBe(
      `/issues?q=data+base+%26+more&view=my&status=todo,in_progress&label=a%252Cb,bug&sort=events&after=${query.after}`,
    );
    const reparsed = parseIssueQuery(Object.fromEntries(new URL(href, "http://x").searchParams));
    expect(reparsed).toEqual({ ...full, after: query.after });
    expect(reparsed.label).toEqual(["a,b", "bug"]);
  });

  it("cursors decode only from what encodeCursor writes", () => {
    const cursor = { sort: "relevance" as const, group: 0, value: 2.0123456789, id: "iss-001" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("")).toBeUndefined();
    expect(decodeCursor(Buffer.from("[1,2,3]").toString("base64url"))).toBeUndefined();
    expect(decodeCursor("a".repeat(5000))).toBeUndefined();
  });
});

describe("capped totals", () => {
  let big: TestDatabase;
  let bigDb: Db;
  beforeAll(async () => {
    big = await createTestDatabase("list_issues_cap");
    bigDb = createDb(big.url, 2);
    await poolOf(bigDb).query(`INSERT INTO project (id, key, name) VALUES ('p', 'BIG', 'Big')`);
    await poolOf(bigDb).query(
      `INSERT INTO issue (id, project_id, number, identifier, title, status, updated_at, created_at)
       SELECT 'big-' || lpad(n::text, 6, '0'), 'p', n, 'BIG-' || n, 'Timeout number ' || n, CASE WHEN n % 2 = 0 THEN 'triage' ELSE 'todo' END::"IssueStatus",
              now(), now() - n * interval '1 second'
       FROM generate_series(1, 20050) n`,
    );
  });
  afterAll(async () => {
    await bigDb?.$disconnect();
    await big?.drop();
  });

  it("counts up to 10,000 and then says capped", async () => {
    const page = await listIssues(bigDb, parseIssueQuery({}), { userId: ME });
    expect(page.total).toEqual({ count: 10_000, capped: true });
    expect(page.issues).toHaveLength(50);
    expect((await listIssues(bigDb, parseIssueQuery({ view: "triage" }), { userId: ME })).total).toEqual({
      count: 10_000,
      capped: true,
    });
    expect((await listIssues(bigDb, parseIssueQuery({ q: "BIG-17" }), { userId: ME })).total).toEqual({
      count: 1,
      capped: false,
    });
    // Relevance ranks (and counts) the most recent RANKED_CANDIDATES matches; a time sort walks them all.
    expect((await listIssues(bigDb, parseIssueQuery({ q: "timeout" }), { userId: ME })).total).toEqual({
      count: RANKED_CANDIDATES,
      capped: true,
    });
    expect((await listIssues(bigDb, parseIssueQuery({ q: "timeout", sort: "newest" }), { userId: ME })).total).toEqual({
      count: 10_000,
      capped: true,
    });
    expect(await countViews(bigDb, ME)).toMatchObject({
      all: { count: 10_000, capped: true },
      triage: { count: 10_000, capped: true },
      active: { count: 10_000, capped: true },
      my: { count: 0, capped: false },
    });
    expect(
      await resolveIssueIds(bigDb, parseIssueQuery({ view: "triage" }), { userId: ME, limit: 10_000 }),
    ).toHaveLength(10_000);
  });
});
