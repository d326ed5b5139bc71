// Dedup: one internal issue per (source, external id), enforced by UNIQUE(source, external_id). The
// create is one statement: numbering, issue, labels, activity and link; it commits on its own, or with
// its follow-ups in a short transaction. Two concurrent creators of the same item queue on the
// project's counter row; the second one's link then violates the unique constraint, which rolls back
// its whole statement, counter included, so numbers stay gapless, and it answers with the winner.
import { type Db, poolOf } from "../db";
import { isUniqueViolation } from "../errors";
import { ensureLabels } from "../issues/ensure-labels";
import { issueCreatedEventCte } from "../issues/issue-events";
import { NEXT_ISSUE_NUMBER_CTE } from "../issues/issue-number";
import type { LinkedIssueRef, NormalizedIssue } from "../sources/types";
import { inTransaction, type SqlExecutor, sqlQuery } from "../sql-executor";
import { inCreateSlot } from "./create-slots";
import { findLinkedIssue } from "./delivery-store";
import type { FollowUp } from "./enqueue-follow-ups";

export interface LinkOrCreateResult {
  issue: LinkedIssueRef;
  created: boolean;
}

export interface LinkOrCreateOptions {
  projectId: string;
  actorName: string;
  /** Run in the creating transaction (e.g. to enqueue jobs atomically); all their SQL must run on its `tx`. */
  followUps?: FollowUp[];
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
), ${issueCreatedEventCte("new_issue", "$7::jsonb")}
SELECT id, identifier FROM new_issue`;

export async function linkOrCreateIssue(
  db: Db,
  normalized: NormalizedIssue,
  options: LinkOrCreateOptions,
): Promise<LinkOrCreateResult> {
  const labelIds = await ensureLabels(db, normalized.labels);
  const pool = poolOf(db);
  const followUps = options.followUps ?? [];
  const create = async (tx: SqlExecutor): Promise<LinkOrCreateResult> => {
    const [issue] = await sqlQuery<LinkedIssueRef>(
      tx,
      CREATE_ISSUE_SQL,
      [
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
      ],
      "ingest_create_issue",
    );
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
