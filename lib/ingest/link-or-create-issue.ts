// Dedup: one internal issue per (source, external id), enforced by UNIQUE(source, external_id). The
// create is one statement: numbering, issue, labels, activity, link and (for a single-item delivery)
// the delivery's outcome; it commits on its own, or with its follow-ups in a short transaction. Two
// concurrent creators of the same item queue on the project's counter row; the second one's link then
// violates the unique constraint, which rolls back its whole statement, counter included, so numbers
// stay gapless, and it answers with the winner.
import { type Db, poolOf } from "../db";
import { isUniqueViolation } from "../errors";
import { ensureLabels } from "../issues/ensure-labels";
import { issueCreatedEventCte } from "../issues/issue-events";
import { NEXT_ISSUE_NUMBER_CTE } from "../issues/issue-number";
import { inTransaction, type SqlExecutor, sqlQuery } from "../sql-executor";
import { inCreateSlot } from "./create-slots";
import type { FollowUp } from "./enqueue-follow-ups";
import type { LinkedIssueRef, NormalizedIssue } from "../sources/types";

export interface LinkOrCreateResult {
  issue: LinkedIssueRef;
  created: boolean;
}

export interface LinkOrCreateOptions {
  projectId: string;
  actorName: string;
  /** Record this delivery's outcome ("created") in the creating transaction. */
  deliveryId?: string;
  /** Run in the creating transaction (e.g. to enqueue jobs atomically); all their SQL must run on its `tx`. */
  followUps?: FollowUp[];
}

/**
 * The issue linked to an external item, with its Jira ticket's key once known (answers name it): a
 * subquery over parameters `source` and `externalId` (SQL expressions), read with `linkedIssueOf`.
 */
export const linkedIssueSql = (source: string, externalId: string) =>
  `SELECT i.id, i.identifier, t.ticket_key, t.ticket_url
     FROM external_issue e JOIN issue i ON i.id = e.issue_id LEFT JOIN jira_ticket t ON t.issue_id = i.id
    WHERE e.source = ${source} AND e.external_id = ${externalId}`;

export interface LinkedIssueRow {
  id: string | null;
  identifier: string | null;
  ticket_key: string | null;
  ticket_url: string | null;
}

export function linkedIssueOf(row: LinkedIssueRow | undefined): LinkedIssueRef | null {
  if (!row || row.id === null || row.identifier === null) return null;
  return { id: row.id, identifier: row.identifier, ticket: row.ticket_key === null ? null : { key: row.ticket_key, url: row.ticket_url } };
}

export async function findLinkedIssue(db: SqlExecutor, source: string, externalId: string): Promise<LinkedIssueRef | null> {
  const [row] = await sqlQuery<LinkedIssueRow>(db, linkedIssueSql("$1", "$2"), [source, externalId], "ingest_find_linked_issue");
  return linkedIssueOf(row);
}

// The counter row stays locked from this statement to the end of its transaction: this statement
// alone when there are no follow-ups, else the follow-ups' statements and COMMIT too.
const CREATE_ISSUE_SQL = `
WITH ${NEXT_ISSUE_NUMBER_CTE("$1")}, new_issue AS (
  INSERT INTO issue (id, project_id, number, identifier, title, description, priority, source, event_count, last_seen_at, updated_at)
  SELECT gen_random_uuid()::text, $1, issue_counter, key || '-' || issue_counter, $2, $3, $4::"Priority", $8, 1, now(), now() FROM counter
  RETURNING id, identifier
), labels AS (
  INSERT INTO issue_label (issue_id, label_id)
  SELECT new_issue.id, label_id FROM new_issue, jsonb_array_elements_text($5::jsonb) AS label_id
), activity AS (
  INSERT INTO activity (id, issue_id, actor_name, action, data)
  SELECT gen_random_uuid()::text, id, $6, 'created', $7::jsonb FROM new_issue
), link AS (
  INSERT INTO external_issue (id, issue_id, source, external_id, external_url, metadata)
  SELECT gen_random_uuid()::text, id, $8, $9, $10, $11::jsonb FROM new_issue
), ${issueCreatedEventCte("new_issue", "$7::jsonb")}, outcome AS (
  UPDATE webhook_delivery d SET outcome = 'created', issue_id = new_issue.id, external_id = $9, processed_at = now()
    FROM new_issue WHERE d.id = $12
)
SELECT id, identifier FROM new_issue`;

export async function linkOrCreateIssue(db: Db, normalized: NormalizedIssue, options: LinkOrCreateOptions): Promise<LinkOrCreateResult> {
  const labelIds = await ensureLabels(db, normalized.labels);
  const pool = poolOf(db);
  const followUps = options.followUps ?? [];
  const create = async (tx: SqlExecutor): Promise<LinkOrCreateResult> => {
    const [issue] = await sqlQuery<LinkedIssueRef>(tx, CREATE_ISSUE_SQL, [
      options.projectId,
      normalized.title,
      normalized.description,
      normalized.priority,
      JSON.stringify(labelIds),
      options.actorName,
      JSON.stringify({ source: normalized.source, externalId: normalized.externalId }),
      normalized.source,
      normalized.externalId,
      normalized.externalUrl,
      JSON.stringify(normalized.metadata),
      options.deliveryId ?? null,
    ], "ingest_create_issue");
    if (!issue) throw new Error(`project ${options.projectId} does not exist`);
    for (const followUp of followUps) await followUp(tx, issue);
    return { issue, created: true };
  };
  try {
    return await inCreateSlot(pool, () => (followUps.length === 0 ? create(pool) : inTransaction(pool, create)));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findLinkedIssue(pool, normalized.source, normalized.externalId);
    if (!winner) throw error;
    return { issue: winner, created: false };
  }
}
