// Issue counts of the sidebar's built-in views, each capped like the list's total, in one statement.
import { type Db, poolOf } from "../db";
import { type CappedCount, COUNT_CAP, cappedCount, SqlParams, viewCondition } from "./issue-list-sql";
import { ISSUE_VIEWS, type IssueView } from "./issue-query";

export type ViewCounts = Record<IssueView, CappedCount>;

export async function countViews(db: Db, userId: string): Promise<ViewCounts> {
  const params = new SqlParams();
  // Each reads at most COUNT_CAP + 1 entries of the index its condition uses (index-only when vacuumed).
  const columns = ISSUE_VIEWS.map(
    (view) =>
      `(SELECT count(*)::int FROM (SELECT 1 FROM issue i WHERE ${viewCondition(view, params, userId) ?? "TRUE"} LIMIT ${COUNT_CAP + 1}) v) AS "${view}"`,
  );
  const { rows } = await poolOf(db).query<Record<IssueView, number>>(`SELECT ${columns.join(", ")}`, params.values);
  const row = rows[0]!;
  return Object.fromEntries(ISSUE_VIEWS.map((view) => [view, cappedCount(row[view])])) as ViewCounts;
}
