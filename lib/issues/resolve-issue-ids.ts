// The ids of every issue an IssueQuery matches (cursors ignored), for "select all N matching" bulk actions.
import { type Db, poolOf } from "../db";
import { andAll, COUNT_CAP, issueScope, SqlParams } from "./issue-list-sql";
import { effectiveSort, type IssueQuery } from "./issue-query";

export interface ResolveIssueIdsOptions {
  userId: string;
  /** At most this many ids (default COUNT_CAP, the most a capped total promises). */
  limit?: number;
}

export async function resolveIssueIds(
  db: Db,
  query: IssueQuery,
  { userId, limit = COUNT_CAP }: ResolveIssueIdsOptions,
): Promise<string[]> {
  const params = new SqlParams();
  // Unordered: the caller acts on the set; the sort would only cost a sort of up to `limit` rows.
  const scope = issueScope(query, params, userId, query.q ? "newest" : effectiveSort(query), false);
  const { rows } = await poolOf(db).query<{ id: string }>(
    `${scope.with} SELECT i.id FROM ${scope.from} WHERE ${andAll(scope.where)} LIMIT ${params.add(Math.max(0, Math.floor(limit)))}`,
    params.values,
  );
  return rows.map((row) => row.id);
}
