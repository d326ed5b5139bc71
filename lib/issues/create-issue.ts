// An issue created by hand ("New issue"): numbered from the project's gapless counter exactly as
// ingestion numbers its issues, with the project's Jira mapping applied when asked.
import type { Db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { jiraTargetOf } from "../jira-sync/jira-target";
import { queueJiraTicket } from "../jira-sync/queue-ticket";
import { sqlQuery } from "../sql-executor";
import { parseInput } from "../validation";
import { assertEditorExists, type Editor } from "./editor";
import { issueCreatedEventCte } from "./issue-events";
import { type CreateIssueInput, createIssueSchema } from "./issue-fields";
import { NEXT_ISSUE_NUMBER_CTE } from "./issue-number";

// $1 project id, $2 title, $3 description, $4 status, $5 priority, $6 assignee, $7 label ids (jsonb), $8 actor.
const CREATE_MANUAL_ISSUE_SQL = `
WITH ${NEXT_ISSUE_NUMBER_CTE("$1")}, new_issue AS (
  INSERT INTO issue (id, project_id, number, identifier, title, description, status, priority, assignee_id, source, updated_at)
  SELECT gen_random_uuid()::text, $1, issue_counter, key || '-' || issue_counter, $2, $3, $4::"IssueStatus", $5::"Priority", $6, 'manual', now()
    FROM counter
  RETURNING id, identifier
), labels AS (
  INSERT INTO issue_label (issue_id, label_id) SELECT new_issue.id, label_id FROM new_issue, jsonb_array_elements_text($7::jsonb) AS label_id
), activity AS (
  INSERT INTO activity (id, issue_id, actor_id, action, data) SELECT gen_random_uuid()::text, id, $8, 'created', '{"source":"manual"}'::jsonb FROM new_issue
), ${issueCreatedEventCte("new_issue", `'{"source":"manual"}'::jsonb`, "$8")}
SELECT id, identifier FROM new_issue`;

/** The Jira mapping that applies to a hand-made issue of this project: its first mapping with a Jira project. */
async function jiraMappingOf(db: Db | Prisma.TransactionClient, projectId: string) {
  const mappings = await db.sourceMapping.findMany({
    where: { projectId, jiraConnectionId: { not: null }, jiraProjectKey: { not: null } },
    orderBy: [{ createdAt: "asc" }],
    take: 1,
  });
  const mapping = mappings[0];
  const target = mapping ? jiraTargetOf(mapping) : null;
  return mapping && target ? { mappingId: mapping.id, target } : null;
}

export async function createIssue(
  db: Db,
  input: CreateIssueInput,
  editor: Editor,
): Promise<{ id: string; identifier: string; jiraQueued: boolean }> {
  const data = parseInput(createIssueSchema, input);
  return db.$transaction(async (tx) => {
    await assertEditorExists(tx, editor);
    const project = await tx.project.findUnique({ where: { key: data.projectKey }, select: { id: true } });
    if (!project) throw new AppError("not_found", `There is no project ${data.projectKey}`);
    if (data.assigneeId && !(await tx.user.findUnique({ where: { id: data.assigneeId }, select: { id: true } }))) {
      throw new AppError("not_found", "That person no longer exists");
    }
    if (
      data.labelIds.length > 0 &&
      (await tx.label.count({ where: { id: { in: data.labelIds } } })) !== new Set(data.labelIds).size
    ) {
      throw new AppError("not_found", "That label no longer exists");
    }
    const [issue] = await sqlQuery<{ id: string; identifier: string }>(tx, CREATE_MANUAL_ISSUE_SQL, [
      project.id,
      data.title,
      data.description,
      data.status,
      data.priority,
      data.assigneeId,
      JSON.stringify([...new Set(data.labelIds)]),
      editor.userId,
    ]);
    if (!issue) throw new Error(`project ${project.id} vanished during create`);
    const jira = data.openJiraTicket ? await jiraMappingOf(tx, project.id) : null;
    if (jira)
      await queueJiraTicket(tx, {
        issueId: issue.id,
        mappingId: jira.mappingId,
        target: jira.target,
        priority: data.priority,
      });
    return { ...issue, jiraQueued: jira !== null };
  });
}
