// Follow-up work for a newly created issue, enqueued in the creating transaction so that neither can
// exist without the other. The jobs run after the webhook has been answered. Decided before the create
// (here, and only here): an issue without follow-ups is created by one statement that commits on its
// own, so its project's counter row is locked only while PostgreSQL runs that statement.
import { getEnv } from "../env";
import { queueJiraTicket } from "../jira-sync/queue-ticket";
import type { CorrelateJobData } from "../jobs/correlate-job-data";
import { enqueueJob } from "../jobs/enqueue-job";
import { QUEUES } from "../jobs/queues";
import type { LinkedIssueRef, NormalizedIssue } from "../sources/types";
import type { SqlExecutor } from "../sql-executor";
import type { ResolvedMapping } from "./resolve-project";

export interface FollowUpContext {
  normalized: NormalizedIssue;
  mapping: ResolvedMapping;
}

/** One piece of follow-up work: runs on the creating transaction (a pg client, or a Prisma one) once the issue exists. */
export type FollowUp = (tx: SqlExecutor, issue: LinkedIssueRef) => Promise<void>;

export function followUpsFor(context: FollowUpContext): FollowUp[] {
  const env = getEnv();
  const followUps: FollowUp[] = [];
  const repo = context.mapping.githubRepo ?? env.GITHUB_REPO;
  if (repo && (env.GITHUB_TOKEN || context.mapping.githubTokenEncrypted)) {
    followUps.push(async (tx, issue) => {
      await enqueueJob(
        tx,
        QUEUES.githubCorrelate.name,
        {
          issueId: issue.id,
          source: context.normalized.source,
          externalId: context.normalized.externalId,
          repo,
          mappingId: context.mapping.mappingId,
          pathPrefix: context.mapping.githubPathPrefix,
          firstSeen: context.normalized.firstSeen,
          crashLocation: context.normalized.crashLocation,
        } satisfies CorrelateJobData,
        { singletonKey: issue.id },
      );
    });
  }
  const jira = context.mapping.jira;
  if (jira) {
    followUps.push((tx, issue) =>
      queueJiraTicket(tx, {
        issueId: issue.id,
        mappingId: context.mapping.mappingId,
        target: jira,
        priority: context.normalized.priority,
        overrides: context.normalized.ticketOverrides,
      }),
    );
  }
  return followUps;
}
