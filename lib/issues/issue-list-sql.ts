// SQL pieces shared by the list, its totals, the view counts and "select all matching": the filter
// of an IssueQuery, the search's candidate set and the sorts' keyset groups. Every value is a bound
// parameter; only fixed SQL text is ever concatenated.
import type { EffectiveSort, IssueQuery, IssueView } from "./issue-query";

/** Totals count up to this many rows and then say "10,000+": an exact count(*) grows with the table. */
export const COUNT_CAP = 10_000;

export interface CappedCount {
  count: number;
  capped: boolean;
}

/** Collects parameter values and hands out their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const DONE_STATUSES = `('done', 'canceled')`;

/** The condition of a built-in view on `issue i`; null for `all`. */
export function viewCondition(view: IssueView, params: SqlParams, userId: string): string | null {
  switch (view) {
    case "my":
      return `i.assignee_id = ${params.add(userId)} AND i.status NOT IN ${DONE_STATUSES}`;
    case "triage":
      return `i.status = 'triage'`;
    // "Active" is work someone has picked up or is about to: todo and in progress (not triage or
    // backlog, which nobody has committed to yet).
    case "active":
      return `i.status IN ('todo', 'in_progress')`;
    case "regressed":
      return `i.regressed_at >= now() - interval '7 days'`;
    default:
      return null;
  }
}

/** Start of a UTC day; `nextDay` makes a "before" date inclusive of that whole day. */
function dayStart(params: SqlParams, day: string, nextDay = false): string {
  return `((${params.add(day)}::date${nextDay ? " + 1" : ""})::timestamp AT TIME ZONE 'UTC')`;
}

/** Conditions on `issue i` for everything in the query but the search text, the sort and the cursors. */
function filterConditions(query: IssueQuery, params: SqlParams, userId: string): string[] {
  const where: string[] = [];
  const view = viewCondition(query.view, params, userId);
  if (view) where.push(view);
  if (query.status.length) where.push(`i.status = ANY(${params.add(query.status)}::"IssueStatus"[])`);
  if (query.priority.length) where.push(`i.priority = ANY(${params.add(query.priority)}::"Priority"[])`);
  if (query.source.length) where.push(`i.source = ANY(${params.add(query.source)}::text[])`);
  if (query.project.length) {
    where.push(`i.project_id IN (SELECT p.id FROM project p WHERE p.key = ANY(${params.add(query.project)}::text[]))`);
  }
  if (query.label.length) {
    // Any of the labels (like every other list filter: values of one filter are alternatives).
    // label_ids (kept from issue_label by a trigger) has a GIN index that combines with the others in
    // one bitmap. The ids come from a subquery on purpose: the planner then reads the filter through
    // its indexes instead of walking the newest issues hoping to meet the labels soon.
    where.push(`i.label_ids && ARRAY(SELECT l.id FROM label l WHERE l.name = ANY(${params.add(query.label)}::text[]))`);
  }
  if (query.assignee.length) {
    const ids = query.assignee.flatMap((value) => (value === "me" ? [userId] : value === "none" ? [] : [value]));
    const alternatives: string[] = [];
    if (ids.length) alternatives.push(`i.assignee_id = ANY(${params.add(ids)}::text[])`);
    if (query.assignee.includes("none")) alternatives.push("i.assignee_id IS NULL");
    where.push(`(${alternatives.join(" OR ")})`);
  }
  if (query.jira === "has")
    where.push(`EXISTS (SELECT 1 FROM jira_ticket jt WHERE jt.issue_id = i.id AND jt.state = 'created')`);
  if (query.jira === "pending")
    where.push(`EXISTS (SELECT 1 FROM jira_ticket jt WHERE jt.issue_id = i.id AND jt.state <> 'created')`);
  if (query.jira === "none") where.push(`NOT EXISTS (SELECT 1 FROM jira_ticket jt WHERE jt.issue_id = i.id)`);
  if (query.createdAfter) where.push(`i.created_at >= ${dayStart(params, query.createdAfter)}`);
  if (query.createdBefore) where.push(`i.created_at < ${dayStart(params, query.createdBefore, true)}`);
  if (query.updatedAfter) where.push(`i.updated_at >= ${dayStart(params, query.updatedAfter)}`);
  if (query.updatedBefore) where.push(`i.updated_at < ${dayStart(params, query.updatedBefore, true)}`);
  return where;
}

// ---- Search ----

const IDENTIFIER = /^([A-Za-z][A-Za-z0-9]{1,9})-(\d{1,9})$/;
const NUMBER = /^#?(\d{1,9})$/;
// Sentry shortIds (WEB-APP-1A), Jira keys (OPS-12), external ids: one token of word characters.
const ID_TOKEN = /^[\w.:#-]{1,100}$/;

export const SCORE = { exact: 3, text: 2, partial: 1 } as const;

/**
 * Most matches one text branch contributes: one more than a total counts, so a capped branch makes a
 * capped total. Past it, relevance ranks the most recent SEARCH_CANDIDATES matches of each branch.
 */
export const SEARCH_CANDIDATES = COUNT_CAP + 1;

/** `%`, `_` and `\` match literally in the ILIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Text the trigram branch looks for: the search without websearch syntax (quotes, a leading minus). */
export function partialText(q: string): string {
  return q
    .replace(/["]/g, " ")
    .replace(/(^|\s)-(?=\S)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Exact identifier, issue number and external id matches (score 3), as SELECT (id, score) branches. */
function exactBranches(q: string, params: SqlParams): string[] {
  const branches: string[] = [];
  const token = q.trim();
  const upper = token.toUpperCase();
  const identifier = IDENTIFIER.exec(token);
  const number = NUMBER.exec(token);
  if (identifier)
    branches.push(`SELECT id, ${SCORE.exact}::float8 AS score FROM issue WHERE identifier = ${params.add(upper)}`);
  if (number) {
    branches.push(
      `SELECT i.id, ${SCORE.exact}::float8 FROM project p JOIN issue i ON i.identifier = p.key || '-' || ${params.add(String(Number(number[1])))}`,
    );
  }
  if (ID_TOKEN.test(token)) {
    const raw = number ? String(Number(number[1])) : token;
    branches.push(`SELECT issue_id, ${SCORE.exact}::float8 FROM external_issue WHERE external_id = ${params.add(raw)}`);
    // Sentry and GlitchTip keep their short ids (and GlitchTip its numeric issue id) in metadata.
    branches.push(
      `SELECT issue_id, ${SCORE.exact}::float8 FROM external_issue WHERE metadata @> ${params.add(JSON.stringify({ shortId: upper }))}::jsonb`,
    );
    if (number) {
      branches.push(
        `SELECT issue_id, ${SCORE.exact}::float8 FROM external_issue WHERE metadata @> ${params.add(JSON.stringify({ issueId: raw }))}::jsonb`,
      );
    }
    branches.push(`SELECT issue_id, ${SCORE.exact}::float8 FROM jira_ticket WHERE ticket_key = ${params.add(upper)}`);
  }
  return branches;
}

/**
 * `matches(id, score)`: the issues the search text finds, each from an index — exact identifiers and
 * external ids (score 3), full text of the issue and its comments (2 + rank, rank in [0, 1)), partial
 * words of the title by trigram (1 + similarity). One row per issue, its best score (0 unless
 * `scored`: counts need no ranking).
 */
export function searchMatchesSql(q: string, params: SqlParams, scored = true): string {
  const branches = exactBranches(q, params);
  const tsquery = `websearch_to_tsquery('english', ${params.add(q)})`;
  const cap = params.add(SEARCH_CANDIDATES);
  // A common word matches a large share of the table: each text branch keeps its most recent
  // SEARCH_CANDIDATES matches (so cost stays bounded at any size) and is scored after the cut.
  // rank normalization 32 maps the rank into [0, 1), so a text match never outranks an exact one.
  const score = (expression: string) => (scored ? expression : "0::float8");
  branches.push(
    `SELECT id, ${score(`${SCORE.text} + ts_rank_cd(search_vector, ${tsquery}, 32)`)} FROM (SELECT id, search_vector FROM issue WHERE search_vector @@ ${tsquery} ORDER BY created_at DESC, id DESC LIMIT ${cap}) t`,
  );
  branches.push(
    `SELECT issue_id, ${score(`${SCORE.text} + 0.5 * ts_rank_cd(search_vector, ${tsquery}, 32)`)} FROM (SELECT issue_id, search_vector FROM comment WHERE search_vector @@ ${tsquery} ORDER BY created_at DESC, id DESC LIMIT ${cap}) t`,
  );
  const partial = partialText(q);
  // Below 3 characters there is no trigram for the index to use: that would read every title.
  if (partial.length >= 3) {
    // Only a placeholder the statement uses: PostgreSQL cannot type an unused one.
    const similarity = scored ? `${SCORE.partial} + 0.99 * similarity(title, ${params.add(partial)})` : "";
    branches.push(
      `SELECT id, ${score(similarity)} FROM (SELECT id, title FROM issue WHERE title ILIKE ${params.add(likePattern(partial))} ORDER BY created_at DESC, id DESC LIMIT ${cap}) t`,
    );
  }
  return `matches AS (SELECT id, max(score)::float8 AS score FROM (${branches.join("\n    UNION ALL ")}) candidates (id, score) GROUP BY id)`;
}

// ---- Ranked search (sort by relevance) ----

/**
 * Relevance ranks at most this many matches, the most recent ones that pass the filters: ranking reads
 * each candidate's document, so the candidate set is what bounds a common word's cost. The total then
 * says "500+" and the pages reach exactly what it counts; sorting by time walks every match.
 */
export const RANKED_CANDIDATES = 500;
/**
 * The newest issues a ranked text search walks in order before it looks further back through the
 * full-text index: a common word or phrase fills its candidates within them at a bounded cost, a rare
 * one has few matches for the index to return. (The planner cannot tell the two apart for phrases.)
 * 50,000 holds RANKED_CANDIDATES of anything in 1% of issues (a phrase within one status); walking it
 * costs a rare word ~70 ms at 1,000,000 issues, a term in 1% ~20 ms where 20,000 fell back to 200.
 */
export const RECENT_WINDOW = 50_000;

/** `word:*` for a one-word search of letters and digits (what someone types before finishing it). */
export function prefixQuery(q: string): string | null {
  const token = q.trim();
  return /^[\p{L}\p{N}]{2,50}$/u.test(token) ? `${token.toLowerCase()}:*` : null;
}

/**
 * `matches(id, score)` for sort by relevance, filters applied inside: exact identifiers and external
 * ids; when there are none, full text of the issue (and, for one word, its prefix) and its comments,
 * the most recent RANKED_CANDIDATES of each; partial words by trigram only when full text found
 * nothing. Its size (over RANKED_CANDIDATES: capped) is the total.
 */
export function rankedMatchesSql(q: string, params: SqlParams, filters: string[]): string {
  const filter = filters.length ? ` AND ${andAll(filters)}` : "";
  const cap = params.add(RANKED_CANDIDATES);
  const exact = exactBranches(q, params).map(
    (branch) => `SELECT b.id, b.score FROM (${branch}) b (id, score) JOIN issue i ON i.id = b.id WHERE TRUE${filter}`,
  );
  const prefix = prefixQuery(q);
  const tsquery = `(websearch_to_tsquery('english', ${params.add(q)})${prefix ? ` || to_tsquery('simple', ${params.add(prefix)})` : ""})`;
  const window = params.add(RECENT_WINDOW);
  const order = "ORDER BY i.created_at DESC, i.id DESC";
  const newest = "ORDER BY created_at DESC, id DESC";
  const partial = partialText(q);
  const trigram = partial.length >= 3 && !/\s/.test(partial);
  // An identifier or external id that matches is what was looked for: the text branches then stay off.
  const noExact = "NOT EXISTS (SELECT 1 FROM exact)";
  const branches = [
    "SELECT id, score FROM exact",
    `SELECT id, ${SCORE.text} + ts_rank_cd(search_vector, ${tsquery}, 32) FROM (SELECT * FROM recent_text UNION ALL SELECT * FROM older_text) t`,
    `SELECT id, ${SCORE.text} + 0.5 * ts_rank_cd(search_vector, ${tsquery}, 32) FROM comment_text`,
  ];
  if (trigram) {
    const textFound =
      "EXISTS (SELECT 1 FROM recent_text UNION ALL SELECT 1 FROM older_text UNION ALL SELECT 1 FROM comment_text)";
    branches.push(
      `SELECT id, ${SCORE.partial} + 0.99 * similarity(title, ${params.add(partial)}) FROM (SELECT i.id, i.title FROM issue i
        WHERE ${noExact} AND NOT ${textFound} AND i.title ILIKE ${params.add(likePattern(partial))}${filter} ${order} LIMIT ${cap}) t`,
    );
  }
  return `exact (id, score) AS MATERIALIZED (${exact.length ? exact.join(" UNION ALL ") : "SELECT NULL::text, NULL::float8 WHERE FALSE"}),
    recent_text AS MATERIALIZED (
      SELECT i.id, i.search_vector FROM (SELECT * FROM issue ${newest} LIMIT ${window}) i
      WHERE ${noExact} AND i.search_vector @@ ${tsquery}${filter} LIMIT ${cap}),
    older_text AS MATERIALIZED (
      SELECT i.id, i.search_vector FROM issue i
      WHERE ${noExact} AND (SELECT count(*) FROM recent_text) < ${cap} AND i.search_vector @@ ${tsquery}${filter}
        AND (i.created_at, i.id) < (SELECT created_at, id FROM issue ${newest} OFFSET ${window} - 1 LIMIT 1)
      ${order} LIMIT ${cap}),
    comment_text AS MATERIALIZED (
      SELECT c.issue_id AS id, c.search_vector FROM comment c JOIN issue i ON i.id = c.issue_id
      WHERE ${noExact} AND c.search_vector @@ ${tsquery}${filter} ORDER BY c.created_at DESC, c.id DESC LIMIT ${cap}),
    candidates (id, score) AS (${branches.join("\n      UNION ALL ")}),
    best AS (SELECT id, max(score)::float8 AS score FROM candidates GROUP BY id),
    matches AS (SELECT id, score FROM best ORDER BY score DESC, id DESC LIMIT ${cap})`;
}

// ---- Sorts ----

/**
 * A sort is a list of groups read in order; within a group rows go by `column` descending, then id
 * descending, which one of the keyset indexes serves. Priority is four groups (P1 first, then the
 * newest), last seen two (seen, most recent first; then never seen), so that each is an index range.
 */
export interface SortGroup {
  where: string | null;
  /** The in-group sort column; null when rows of the group go by id alone. */
  column: string | null;
  /** Cast of the cursor value for `column`. */
  type: "timestamptz" | "int" | "float8";
}

const byCreated = (where: string | null): SortGroup => ({ where, column: "i.created_at", type: "timestamptz" });

export const SORT_GROUPS: Record<EffectiveSort, SortGroup[]> = {
  newest: [byCreated(null)],
  updated: [{ where: null, column: "i.updated_at", type: "timestamptz" }],
  events: [{ where: null, column: "i.event_count", type: "int" }],
  priority: (["P1", "P2", "P3", "P4"] as const).map((priority) => byCreated(`i.priority = '${priority}'`)),
  last_seen: [
    { where: "i.last_seen_at IS NOT NULL", column: "i.last_seen_at", type: "timestamptz" },
    { where: "i.last_seen_at IS NULL", column: null, type: "timestamptz" },
  ],
  relevance: [{ where: null, column: "m.score", type: "float8" }],
};

export function andAll(conditions: (string | null | undefined)[]): string {
  const kept = conditions.filter((condition): condition is string => Boolean(condition));
  return kept.length ? kept.join(" AND ") : "TRUE";
}

/** What a query reads: the search's CTE (if any), the FROM clause and the conditions on `issue i`. */
export interface IssueScope {
  with: string;
  from: string;
  where: string[];
}

export function issueScope(
  query: IssueQuery,
  params: SqlParams,
  userId: string,
  sort: EffectiveSort,
  scored = sort === "relevance",
): IssueScope {
  const where = filterConditions(query, params, userId);
  if (!query.q) return { with: "", from: "issue i", where };
  if (sort === "relevance" && scored)
    return {
      with: `WITH ${rankedMatchesSql(query.q, params, where)}`,
      from: "matches m JOIN issue i ON i.id = m.id",
      where: [],
    };
  const search = searchMatchesSql(query.q, params, scored);
  if (sort === "relevance") return { with: `WITH ${search}`, from: "matches m JOIN issue i ON i.id = m.id", where };
  return { with: `WITH ${search}`, from: "issue i", where: [...where, "i.id IN (SELECT id FROM matches)"] };
}

/** `SELECT count(*)` of the scope, stopping at COUNT_CAP + 1 rows. */
export function cappedCountSql(scope: IssueScope): string {
  return `${scope.with} SELECT count(*)::int AS n FROM (SELECT 1 FROM ${scope.from} WHERE ${andAll(scope.where)} LIMIT ${COUNT_CAP + 1}) capped`;
}

export function cappedCount(n: number, cap = COUNT_CAP): CappedCount {
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}

/** The total of a ranked search: `best` holds every candidate, more than RANKED_CANDIDATES is capped. */
export const RANKED_TOTAL_SQL = `(SELECT count(*)::int FROM best)`;

export function rankedCount(n: number): CappedCount {
  return n >= RANKED_CANDIDATES ? { count: RANKED_CANDIDATES, capped: true } : { count: n, capped: false };
}
