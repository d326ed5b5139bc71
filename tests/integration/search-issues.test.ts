// Search in the issue list against real PostgreSQL: identifiers, partial words, phrases, non-ASCII,
// comments and descriptions (snippets), Sentry shortIds, GlitchTip ids and Jira keys, relevance order
// with keyset paging, filters on results, and highlights that are plain text segments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, poolOf } from "@/lib/db";
import type { Segment } from "@/lib/issues/highlight";
import { parseIssueQuery } from "@/lib/issues/issue-query";
import { type IssueListItem, listIssues } from "@/lib/issues/list-issues";
import { resolveIssueIds } from "@/lib/issues/resolve-issue-ids";
import { createTestDatabase, type TestDatabase } from "../support/database";

const USER = "00000000-0000-4000-8000-000000000001";
const XSS = "<img src=x onerror=alert(1)>";
let database: TestDatabase;
let db: Db;

interface Row {
  identifier: string;
  title: string;
  description?: string;
  status?: string;
  minutesAgo?: number;
}

const rows: Row[] = [
  { identifier: "CHIPP-1", title: "[web] Checkout fails on payment step" },
  { identifier: "CHIPP-2", title: "ConnectionError: database timeout", status: "todo" },
  { identifier: "CHIPP-3", title: "Database is slow; a timeout follows later", status: "done" },
  { identifier: "CHIPP-4", title: "Ünïcödé crash in Zürich office" },
  { identifier: "CHIPP-5", title: "Quiet issue with a talkative comment" },
  {
    identifier: "CHIPP-6",
    title: "Native crash",
    description: "The worker died with a segfault in libpng after the upload.",
  },
  { identifier: "CHIPP-7", title: "TypeError from the Sentry SDK" },
  { identifier: "CHIPP-8", title: "GlitchTip reported error" },
  { identifier: "CHIPP-9", title: "Ticketed issue" },
  { identifier: "CHIPP-10", title: XSS },
  { identifier: "CHIPP-11", title: "100% CPU in worker_pool" },
  { identifier: "CHIPP-12", title: "Twelfth issue" },
  { identifier: "WEB-12", title: "Another twelfth, in WEB" },
  // Many equal scores, for relevance paging across ties.
  ...Array.from({ length: 23 }, (_, i) => ({
    identifier: `WEB-${100 + i}`,
    title: `Widget renders blank (${i % 3 === 0 ? "widget " : ""}variant ${i})`,
    minutesAgo: i % 4,
  })),
];

beforeAll(async () => {
  database = await createTestDatabase("search_issues");
  db = createDb(database.url, 3);
  const pool = poolOf(db);
  await pool.query(`INSERT INTO project (id, key, name) VALUES ('p-chipp', 'CHIPP', 'Chipp'), ('p-web', 'WEB', 'Web')`);
  for (const [index, row] of rows.entries()) {
    const [key, number] = row.identifier.split("-") as [string, string];
    await pool.query(
      `INSERT INTO issue (id, project_id, number, identifier, title, description, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() - $8 * interval '1 minute', now())`,
      [
        `s-${String(index).padStart(3, "0")}`,
        key === "WEB" ? "p-web" : "p-chipp",
        Number(number),
        row.identifier,
        row.title,
        row.description ?? "",
        row.status ?? "triage",
        row.minutesAgo ?? index,
      ],
    );
  }
  const id = async (identifier: string) =>
    (await pool.query<{ id: string }>(`SELECT id FROM issue WHERE identifier = $1`, [identifier])).rows[0]!.id;
  await pool.query(
    `INSERT INTO comment (id, issue_id, body, updated_at) VALUES ('c1', $1, 'Reproduced: the flibbertigibbet cache overflows on retry.', now())`,
    [await id("CHIPP-5")],
  );
  await pool.query(
    `INSERT INTO external_issue (id, issue_id, source, external_id, metadata) VALUES
       ('e1', $1, 'sentry', '4504123', '{"shortId": "WEB-APP-1A", "project": {"slug": "web-app"}}'),
       ('e2', $2, 'glitchtip', 'glitchtip.example.com:98765', '{"kind": "issue", "issueId": "98765", "shortId": "ACME-2Z"}')`,
    [await id("CHIPP-7"), await id("CHIPP-8")],
  );
  await pool.query(
    `INSERT INTO jira_connection (id, name, base_url, token_encrypted, updated_at) VALUES ('jc', 'Acme', 'https://acme.example', 'x', now())`,
  );
  await pool.query(
    `INSERT INTO jira_ticket (issue_id, connection_id, project_key, fingerprint, options, state, ticket_key, updated_at)
     VALUES ($1, 'jc', 'OPS', 'tracker-x', '{}', 'created', 'OPS-77', now())`,
    [await id("CHIPP-9")],
  );
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function search(q: string, params: Record<string, string> = {}, pageSize = 50): Promise<IssueListItem[]> {
  return (await listIssues(db, parseIssueQuery({ q, ...params }), { userId: USER, pageSize })).issues;
}
const identifiers = (issues: IssueListItem[]) => issues.map((issue) => issue.identifier);
const matched = (segments: Segment[] | null) =>
  (segments ?? []).filter((segment) => segment.match).map((segment) => segment.text);
const text = (segments: Segment[]) => segments.map((segment) => segment.text).join("");

describe("search", () => {
  it("finds an identifier exactly, in any case", async () => {
    expect(identifiers(await search("CHIPP-12"))[0]).toBe("CHIPP-12");
    expect(identifiers(await search("chipp-12"))[0]).toBe("CHIPP-12");
  });

  it("finds a bare number in every project, exact matches first", async () => {
    const found = identifiers(await search("12"));
    expect(found.slice(0, 2).sort()).toEqual(["CHIPP-12", "WEB-12"]);
  });

  it("finds a partial word by trigram and highlights it", async () => {
    const [first] = await search("checko");
    expect(first?.identifier).toBe("CHIPP-1");
    expect(matched(first!.highlight.title)).toEqual(["Checko"]);
    expect(text(first!.highlight.title)).toBe("[web] Checkout fails on payment step");
  });

  it("matches a phrase only where its words stand together", async () => {
    const found = identifiers(await search('"database timeout"'));
    expect(found).toContain("CHIPP-2");
    expect(found).not.toContain("CHIPP-3");
    // Without quotes both match, by full text.
    expect(identifiers(await search("database timeout")).sort()).toEqual(["CHIPP-2", "CHIPP-3"]);
  });

  it("finds non-ASCII titles, whole words and partial ones", async () => {
    expect(identifiers(await search("Zürich"))).toEqual(["CHIPP-4"]);
    expect(identifiers(await search("ünïcödé"))).toEqual(["CHIPP-4"]);
    const [partial] = await search("zür");
    expect(partial?.identifier).toBe("CHIPP-4");
    expect(matched(partial!.highlight.title)).toEqual(["Zür"]);
  });

  it("finds a term only in a comment, with a snippet that shows it", async () => {
    const [found] = await search("flibbertigibbet");
    expect(found?.identifier).toBe("CHIPP-5");
    expect(matched(found!.highlight.title)).toEqual([]);
    expect(matched(found!.highlight.snippet)).toEqual(["flibbertigibbet"]);
  });

  it("shows where the description matched when the title did not", async () => {
    const [found] = await search("segfault");
    expect(found?.identifier).toBe("CHIPP-6");
    expect(matched(found!.highlight.snippet)).toEqual(["segfault"]);
    expect(text(found!.highlight.snippet!)).toContain("died with a segfault in libpng");
  });

  it("finds a Sentry shortId and id, a GlitchTip id and shortId, a Jira key", async () => {
    expect(identifiers(await search("WEB-APP-1A"))[0]).toBe("CHIPP-7");
    expect(identifiers(await search("web-app-1a"))[0]).toBe("CHIPP-7");
    expect(identifiers(await search("4504123"))[0]).toBe("CHIPP-7");
    expect(identifiers(await search("98765"))[0]).toBe("CHIPP-8");
    expect(identifiers(await search("ACME-2Z"))[0]).toBe("CHIPP-8");
    expect(identifiers(await search("OPS-77"))[0]).toBe("CHIPP-9");
    expect(identifiers(await search("ops-77"))[0]).toBe("CHIPP-9");
  });

  it("returns a hostile title as plain text segments", async () => {
    const [found] = await search(XSS);
    expect(found?.identifier).toBe("CHIPP-10");
    expect(text(found!.highlight.title)).toBe(XSS);
    for (const segment of found!.highlight.title) expect(Object.keys(segment).sort()).toEqual(["match", "text"]);
    expect(found!.highlight.title.some((segment) => segment.match && XSS.includes(segment.text))).toBe(true);
    // The sentinels ts_headline marks with never reach the text.
    expect(text(found!.highlight.title)).not.toMatch(/[\uE000\uE001]/);
  });

  it("treats LIKE wildcards literally", async () => {
    expect(identifiers(await search("100%"))).toEqual(["CHIPP-11"]);
    expect(identifiers(await search("er_po"))).toEqual(["CHIPP-11"]);
    expect(identifiers(await search("%%%"))).toEqual([]);
  });

  it("applies filters to search results", async () => {
    expect(identifiers(await search("timeout", { status: "done" }))).toEqual(["CHIPP-3"]);
    expect(identifiers(await search("timeout", { view: "active" }))).toEqual(["CHIPP-2"]);
    expect(identifiers(await search("12", { project: "WEB" }))[0]).toBe("WEB-12");
    expect((await resolveIssueIds(db, parseIssueQuery({ q: "widget" }), { userId: USER })).length).toBe(23);
  });

  it("ranks exact ids above full text above partial words", async () => {
    // "twelfth" is a word of both 12s' titles; "CHIPP-12" is also an identifier.
    const found = identifiers(await search("widget"));
    expect(found).toHaveLength(23);
    // Titles saying "widget" twice rank above those saying it once.
    const twice = rows.filter((row) => row.title.includes("(widget ")).map((row) => row.identifier);
    expect(found.slice(0, twice.length).sort()).toEqual([...twice].sort());
  });

  it("pages through relevance with ties, both ways, no row skipped or repeated", async () => {
    const all = identifiers(await search("widget"));
    for (const pageSize of [1, 3, 5]) {
      const pages: IssueListItem[][] = [];
      let page = await listIssues(db, parseIssueQuery({ q: "widget" }), { userId: USER, pageSize });
      pages.push(page.issues);
      const cursors = [page];
      while (page.nextCursor) {
        page = await listIssues(db, parseIssueQuery({ q: "widget", after: page.nextCursor }), {
          userId: USER,
          pageSize,
        });
        pages.push(page.issues);
        cursors.push(page);
      }
      expect(pages.flatMap(identifiers)).toEqual(all);
      let back = cursors.at(-1)!;
      const backPages = [back.issues];
      while (back.prevCursor) {
        back = await listIssues(db, parseIssueQuery({ q: "widget", before: back.prevCursor }), {
          userId: USER,
          pageSize,
        });
        backPages.unshift(back.issues);
      }
      expect(backPages.map(identifiers)).toEqual(pages.map(identifiers));
    }
  });

  it("orders search results by an explicit sort", async () => {
    const found = await listIssues(db, parseIssueQuery({ q: "widget", sort: "newest" }), {
      userId: USER,
      pageSize: 50,
    });
    const created = found.issues.map((issue) => issue.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(found.issues).toHaveLength(23);
  });
});
