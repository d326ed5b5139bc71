// One converging job per issue: create the ticket if it has none, then bring its status in line.
import type { DbClient } from "../db";
import { enqueueJob } from "../jobs/enqueue-job";
import { QUEUES } from "../jobs/queues";

export interface JiraSyncJobData {
  issueId: string;
}

export async function enqueueJiraSync(tx: DbClient, issueId: string, startAfterSeconds?: number): Promise<void> {
  await enqueueJob(tx, QUEUES.jiraSync.name, { issueId } satisfies JiraSyncJobData, { singletonKey: issueId, startAfterSeconds });
}
