// The issue list: one page of an IssueQuery by keyset (after/before cursors), its capped total, and
// the page's relations and search highlights in one more statement.
import { type Db, poolOf } from "../db";
import type { IssueStatus, Priority } from "../generated/prisma/enums";
import type { TicketViewRow } from "../jira-sync/ticket-view";
import {
  HEADLINE_OPTIONS,
  hasMatch,
  markWords,
  SENTINELS_SQL,
  type Segment,
  searchWords,
  segmentsFromHeadline,
} from "./highlight";
import {
  andAll,
  type CappedCount,
  cappedCount,
  cappedCountSql,
  issueScope,
  RANKED_TOTAL_SQL,
  rankedCount,
  SORT_GROUPS,
  type SortGroup,
  SqlParams,
} from "./issue-list-sql";
import {
  decodeCursor,
  type EffectiveSort,
  effectiveSort,
  encodeCursor,
  type IssueCursor,
  type IssueQuery,
} from "./issue-query";

const ISSUE_PAGE_SIZE = 50;

export interface IssueListItem {
  id: string;
  identifier: string;
  title: string;
  status: IssueStatus;
  priority: Priority;
  source: string;
  createdAt: Date;
  updatedAt: Date;
  lastSeenAt: Date | null;
  eventCount: number;
  assignee: { id: string; name: string | null; email: string } | null;
  labels: { id: string; name: string; color: string }[];
  jiraTicket: TicketViewRow | null;
  /** The title (always) and, when the search matched elsewhere, where: plain text segments. */
  highlight: { title: Segment[]; snippet: Segment[] | null };
}

/**
 * What the list's client component gets per row: only what a row shows or a triage action needs. The
 * title's highlight is left out when nothing in it matched (the title is the text), which is every
 * row outside a search: props are serialised into the page twice (RSC payload and its HTML copy).
 */
export type IssueListRow = Omit<IssueListItem, "updatedAt" | "lastSeenAt" | "highlight"> & {
  highlight: { title: Segment[] | null; snippet: Segment[] | null };
};

export function toListRow({ updatedAt: _updated, lastSeenAt: _seen, highlight, ...row }: IssueListItem): IssueListRow {
  return {
    ...row,
    highlight: { title: hasMatch(highlight.title) ? highlight.title : null, snippet: highlight.snippet },
  };
}

export interface IssueListPage {
  issues: IssueListItem[];
  total: CappedCount;
  /** Cursor of the page after this one (`after`), null on the last page. */
  nextCursor: string | null;
  /** Cursor of the page before this one (`before`), null on the first page. */
  prevCursor: string | null;
}

export interface ListIssuesOptions {
  userId: string;
  pageSize?: number;
}

interface KeyRow {
  id: string;
  g: number;
  v: Date | number | null;
}

export async function listIssues(
  db: Db,
  query: IssueQuery,
  { userId, pageSize = ISSUE_PAGE_SIZE }: ListIssuesOptions,
): Promise<IssueListPage> {
  const pool = poolOf(db);
  const sort = effectiveSort(query);
  const cursor = usableCursor(decodeCursor(query.after ?? query.before), sort);
  // Without a usable cursor it is the first page, whichever way it was asked for.
  const backward = Boolean(cursor && !query.after && query.before);

  // A ranked search counts its candidates in the page's own statement; other lists count apart.
  const ranked = sort === "relevance";
  const page = pageSql(query, userId, sort, cursor, backward, pageSize);
  const countParams = new SqlParams();
  const [keys, count] = await Promise.all([
    pool.query<KeyRow & { n?: number }>(page.text, page.values),
    ranked
      ? undefined
      : pool.query<{ n: number }>(
          cappedCountSql(issueScope(query, countParams, userId, sort, false)),
          countParams.values,
        ),
  ]);
  const rows = keys.rows;
  const total = ranked ? await rankedTotal(pool, rows[0]?.n, query, userId) : cappedCount(count?.rows[0]?.n ?? 0);
  const more = rows.length > pageSize;
  if (more) rows.pop();
  if (backward) {
    // Reached the start going back: show the real first page (full, with its own cursors).
    if (!more && cursor) return listIssues(db, { ...query, after: undefined, before: undefined }, { userId, pageSize });
    rows.reverse();
  }
  const toCursor = (row: KeyRow) =>
    encodeCursor({ sort, group: row.g, value: row.v instanceof Date ? row.v.toISOString() : row.v, id: row.id });
  const first = rows[0];
  const last = rows.at(-1);
  const nextCursor = last && (backward || more) ? toCursor(last) : null;
  const prevCursor = first && cursor && (!backward || more) ? toCursor(first) : null;
  return {
    issues: await loadItems(
      pool,
      rows.map((row) => row.id),
      query.q,
    ),
    total,
    nextCursor,
    prevCursor,
  };
}

/** A ranked search's total, from the page's rows; a page past the end has none and asks apart. */
async function rankedTotal(
  pool: ReturnType<typeof poolOf>,
  n: number | undefined,
  query: IssueQuery,
  userId: string,
): Promise<CappedCount> {
  if (n !== undefined) return rankedCount(n);
  const params = new SqlParams();
  const scope = issueScope(query, params, userId, "relevance");
  const { rows } = await pool.query<{ n: number }>(`${scope.with} SELECT ${RANKED_TOTAL_SQL} AS n`, params.values);
  return rankedCount(rows[0]?.n ?? 0);
}

/** A cursor of another sort, or with a value that does not fit its group, starts at the first page. */
function usableCursor(cursor: IssueCursor | undefined, sort: EffectiveSort): IssueCursor | undefined {
  if (!cursor || cursor.sort !== sort) return undefined;
  const group: SortGroup | undefined = SORT_GROUPS[sort][cursor.group];
  if (!group) return undefined;
  if (!group.column) return cursor.value === null ? cursor : undefined;
  if (group.type === "timestamptz")
    return typeof cursor.value === "string" && !Number.isNaN(Date.parse(cursor.value)) ? cursor : undefined;
  if (group.type === "int") return Number.isSafeInteger(cursor.value) ? cursor : undefined;
  return typeof cursor.value === "number" ? cursor : undefined;
}

/**
 * The page's keys: each of the sort's groups from the cursor on is one index range read in order, at
 * most pageSize + 1 rows each; the union is ordered by group and key. Backward (`before`) reads the
 * same ranges the other way.
 */
function pageSql(
  query: IssueQuery,
  userId: string,
  sort: EffectiveSort,
  cursor: IssueCursor | undefined,
  backward: boolean,
  pageSize: number,
) {
  const params = new SqlParams();
  const scope = issueScope(query, params, userId, sort);
  const dir = backward ? "ASC" : "DESC";
  const limit = params.add(pageSize + 1);
  const branches = SORT_GROUPS[sort].flatMap((group, index) => {
    if (cursor && (backward ? index > cursor.group : index < cursor.group)) return [];
    const where = [...scope.where, group.where];
    if (cursor && index === cursor.group) {
      const op = backward ? ">" : "<";
      where.push(
        group.column
          ? `(${group.column}, i.id) ${op} (${params.add(cursor.value)}::${group.type}, ${params.add(cursor.id)})`
          : `i.id ${op} ${params.add(cursor.id)}`,
      );
    }
    const order = group.column ? `${group.column} ${dir}, i.id ${dir}` : `i.id ${dir}`;
    const value = group.column ?? `NULL::${group.type}`;
    return [
      `(SELECT i.id, ${index} AS g, ${value} AS v FROM ${scope.from} WHERE ${andAll(where)} ORDER BY ${order} LIMIT ${limit})`,
    ];
  });
  const total = sort === "relevance" ? `, ${RANKED_TOTAL_SQL} AS n` : "";
  const text = `${scope.with} SELECT id, g, v${total} FROM (${branches.join(" UNION ALL ")}) page ORDER BY g ${backward ? "DESC" : "ASC"}, v ${dir}, id ${dir} LIMIT ${limit}`;
  return { text, values: params.values };
}

interface ItemRow {
  id: string;
  identifier: string;
  title: string;
  status: IssueStatus;
  priority: Priority;
  source: string;
  created_at: Date;
  updated_at: Date;
  last_seen_at: Date | null;
  event_count: number;
  assignee: IssueListItem["assignee"];
  labels: IssueListItem["labels"];
  jira_ticket: (Omit<TicketViewRow, "notBefore"> & { notBefore: string | null }) | null;
  title_headline?: string | null;
  description_headline?: string | null;
  comment_headline?: string | null;
}

/** The page's rows with assignee, labels, Jira ticket and (when searching) headlines, in one statement. */
async function loadItems(
  pool: ReturnType<typeof poolOf>,
  ids: string[],
  q: string | undefined,
): Promise<IssueListItem[]> {
  if (!ids.length) return [];
  const params = new SqlParams();
  const idsParam = params.add(ids);
  let headlines = "";
  if (q) {
    const tsquery = `websearch_to_tsquery('english', ${params.add(q)})`;
    const options = params.add(HEADLINE_OPTIONS);
    const snippetOptions = params.add(`${HEADLINE_OPTIONS}, MaxWords=24, MinWords=8, MaxFragments=1`);
    const clean = (column: string) => `translate(${column}, ${SENTINELS_SQL}, '')`;
    headlines = `,
      ts_headline('english', ${clean("i.title")}, ${tsquery}, ${options} || ', HighlightAll=true') AS title_headline,
      CASE WHEN to_tsvector('english', left(i.description, 100000)) @@ ${tsquery}
        THEN ts_headline('english', ${clean("left(i.description, 100000)")}, ${tsquery}, ${snippetOptions}) END AS description_headline,
      (SELECT ts_headline('english', ${clean("left(c.body, 100000)")}, ${tsquery}, ${snippetOptions}) FROM comment c
        WHERE c.issue_id = i.id AND c.search_vector @@ ${tsquery}
        ORDER BY ts_rank_cd(c.search_vector, ${tsquery}) DESC, c.created_at LIMIT 1) AS comment_headline`;
  }
  const { rows } = await pool.query<ItemRow>(
    `SELECT i.id, i.identifier, i.title, i.status, i.priority, i.source, i.created_at, i.updated_at, i.last_seen_at, i.event_count,
       CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name, 'email', u.email) END AS assignee,
       COALESCE((SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY l.name)
         FROM issue_label il JOIN label l ON l.id = il.label_id WHERE il.issue_id = i.id), '[]'::json) AS labels,
       CASE WHEN jt.issue_id IS NULL THEN NULL ELSE json_build_object(
         'state', jt.state, 'ticketKey', jt.ticket_key, 'ticketUrl', jt.ticket_url, 'notBefore', jt.not_before, 'lastError', jt.last_error,
         'connection', json_build_object('name', jc.name, 'status', jc.status, 'statusReason', jc.status_reason)) END AS jira_ticket${headlines}
     FROM issue i
     LEFT JOIN "user" u ON u.id = i.assignee_id
     LEFT JOIN jira_ticket jt ON jt.issue_id = i.id
     LEFT JOIN jira_connection jc ON jc.id = jt.connection_id
     WHERE i.id = ANY(${idsParam}::text[])`,
    params.values,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const words = q ? searchWords(q) : [];
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toItem(row, words)] : [];
  });
}

function toItem(row: ItemRow, words: string[]): IssueListItem {
  const title = markWords(
    row.title_headline ? segmentsFromHeadline(row.title_headline) : [{ text: row.title, match: false }],
    words,
  );
  const elsewhere = row.description_headline ?? row.comment_headline;
  const snippet = !hasMatch(title) && elsewhere ? markWords(segmentsFromHeadline(elsewhere), words) : null;
  const ticket = row.jira_ticket;
  return {
    id: row.id,
    identifier: row.identifier,
    title: row.title,
    status: row.status,
    priority: row.priority,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeenAt: row.last_seen_at,
    eventCount: row.event_count,
    assignee: row.assignee,
    labels: row.labels,
    jiraTicket: ticket ? { ...ticket, notBefore: ticket.notBefore ? new Date(ticket.notBefore) : null } : null,
    highlight: { title, snippet },
  };
}
