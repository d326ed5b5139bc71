// Follow-up work for a newly created issue, enqueued in the creating transaction so that neither can
// exist without the other. The jobs run after the webhook has been answered.
import { getEnv } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { enqueueJob } from "../jobs/enqueue-job";
import { queueJiraTicket } from "../jira-sync/queue-ticket";
import { QUEUES } from "../jobs/queues";
import type { ResolvedMapping } from "./resolve-project";
import type { CorrelateJobData } from "../jobs/handlers/correlate-issue-job";
import type { LinkedIssueRef, NormalizedIssue } from "./types";

export interface FollowUpContext {
  issue: LinkedIssueRef;
  normalized: NormalizedIssue;
  mapping: ResolvedMapping;
}

export async function enqueueFollowUps(tx: Prisma.TransactionClient, context: FollowUpContext): Promise<void> {
  const env = getEnv();
  const repo = context.mapping.githubRepo ?? env.GITHUB_REPO;
  if (repo && (env.GITHUB_TOKEN || context.mapping.githubTokenEncrypted)) {
    await enqueueJob(
      tx,
      QUEUES.githubCorrelate.name,
      {
        issueId: context.issue.id,
        source: context.normalized.source,
        externalId: context.normalized.externalId,
        repo,
        mappingId: context.mapping.mappingId,
        pathPrefix: context.mapping.githubPathPrefix,
        firstSeen: context.normalized.firstSeen,
        crashLocation: context.normalized.crashLocation,
      } satisfies CorrelateJobData,
      { singletonKey: context.issue.id },
    );
  }
  if (context.mapping.jira) {
    await queueJiraTicket(tx, {
      issueId: context.issue.id,
      mappingId: context.mapping.mappingId,
      target: context.mapping.jira,
      priority: context.normalized.priority,
      overrides: context.normalized.ticketOverrides,
    });
  }
}
