// The one place an issue change is announced: a row in the issue_event outbox, written in the
// transaction that makes the change, so live updates and outbound webhooks hear of every committed
// change and of nothing that rolled back.
import type { Prisma } from "../generated/prisma/client";
import { type SqlExecutor, sqlQuery } from "../sql-executor";

export type IssueEventKind = "created" | "updated" | "commented";

export async function recordIssueEvent(
  tx: SqlExecutor,
  issueId: string,
  kind: IssueEventKind,
  actorId: string | null | undefined,
  data: Prisma.InputJsonObject,
): Promise<void> {
  await sqlQuery(tx, `INSERT INTO issue_event (issue_id, kind, actor_id, data) VALUES ($1, $2, $3, $4::jsonb)`, [
    issueId,
    kind,
    actorId ?? null,
    JSON.stringify(data),
  ]);
}

/** The same insert as a CTE of a creating statement: one 'created' event per row of `fromSql` (which has `id`). */
export const issueCreatedEventCte = (fromSql: string, dataSql: string, actorIdSql = "NULL") =>
  `created_event AS (INSERT INTO issue_event (issue_id, kind, actor_id, data) SELECT id, 'created', ${actorIdSql}, ${dataSql} FROM ${fromSql})`;
