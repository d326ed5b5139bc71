// Queues the Jira ticket of a newly created issue: the jira_ticket row (the one authoritative
// issue→ticket mapping, so there is never a second ticket) and the sync job, in the creating transaction.

import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Priority } from "../generated/prisma/enums";
import type { TicketOverrides } from "../sources/types";
import { type SqlExecutor, sqlQuery } from "../sql-executor";
import { enqueueJiraSync } from "./enqueue-jira-sync";
import { type JiraTarget, jiraTargetOf } from "./jira-target";
import { sanitizeLabel, ticketFingerprint } from "./ticket-labels";

export interface TicketOptions {
  issueType: string;
  labels: string[];
  components: string[];
  priorityName: string | null;
}

export function chooseTicketOptions(
  target: JiraTarget,
  priority: Priority,
  overrides?: TicketOverrides | null,
): TicketOptions {
  const labels = [...target.labels, ...(overrides?.labels ?? [])]
    .map(sanitizeLabel)
    .filter((label) => label.length > 0);
  return {
    issueType: overrides?.issueType?.trim() || target.issueType,
    labels: [...new Set(labels)],
    components: [
      ...new Set([...target.components, ...(overrides?.components ?? [])].map((name) => name.trim()).filter(Boolean)),
    ],
    priorityName: target.priorities[priority] ?? null,
  };
}

export interface QueueTicketInput {
  issueId: string;
  mappingId: string | null;
  target: JiraTarget;
  priority: Priority;
  overrides?: TicketOverrides | null;
}

/** `tx`: the creating transaction, a Prisma one or a pg client inside BEGIN … COMMIT. */
export async function queueJiraTicket(tx: SqlExecutor, input: QueueTicketInput): Promise<void> {
  const options = chooseTicketOptions(input.target, input.priority, input.overrides);
  await sqlQuery(
    tx,
    `INSERT INTO jira_ticket (issue_id, mapping_id, connection_id, project_key, fingerprint, options, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, now())`,
    [
      input.issueId,
      input.mappingId,
      input.target.connectionId,
      input.target.projectKey,
      ticketFingerprint(input.issueId),
      JSON.stringify(options),
    ],
  );
  await enqueueJiraSync(tx, input.issueId);
}

/** Before a retry of a refused ticket: take the fields from the mapping as it is now (an admin may have fixed it). */
export async function refreshTicketOptions(deps: { db: Db }, issueId: string): Promise<void> {
  const row = await deps.db.jiraTicket.findUniqueOrThrow({
    where: { issueId },
    include: { mapping: true, issue: { select: { priority: true } } },
  });
  const target = row.mapping ? jiraTargetOf(row.mapping) : null;
  if (!target) return;
  const previous = row.options as unknown as TicketOptions;
  const options = chooseTicketOptions(target, row.issue.priority, { labels: previous.labels });
  await deps.db.jiraTicket.update({
    where: { issueId },
    data: {
      options: options as unknown as Prisma.InputJsonValue,
      projectKey: target.projectKey,
      connectionId: target.connectionId,
    },
    select: { issueId: true },
  });
}
