// One converging job per issue: create the ticket if it has none, then bring its status in line.
import type { Prisma } from "../generated/prisma/client";
import { enqueueJob } from "../jobs/enqueue-job";
import { QUEUES } from "../jobs/queues";
import type { SqlExecutor } from "../sql-executor";

export interface JiraSyncJobData {
  issueId: string;
}

export async function enqueueJiraSync(tx: SqlExecutor, issueId: string, startAfterSeconds?: number): Promise<void> {
  await enqueueJob(tx, QUEUES.jiraSync.name, { issueId } satisfies JiraSyncJobData, {
    singletonKey: issueId,
    startAfterSeconds,
  });
}

/** After an internal status change: the linked ticket (if any) follows in a job, committed with the change. */
export async function enqueueJiraSyncIfLinked(tx: Prisma.TransactionClient, issueId: string): Promise<void> {
  const ticket = await tx.jiraTicket.findUnique({ where: { issueId }, select: { issueId: true } });
  if (ticket) await enqueueJiraSync(tx, issueId);
}
