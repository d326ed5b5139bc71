// jira.sync: create the issue's Jira ticket once and keep its status in step (lib/jira-sync).
import { z } from "zod";
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { PermanentFailure } from "../../errors";
import { jiraClientFor } from "../../jira-sync/jira-client-for";
import { syncJiraTicket } from "../../jira-sync/sync-ticket";
import type { JobHandler } from "../run-worker";

const jiraSyncJobSchema = z.object({ issueId: z.string(), retried: z.boolean().optional() });

export const jiraSyncJob: JobHandler = async (raw, { log }) => {
  const parsed = jiraSyncJobSchema.safeParse(raw);
  if (!parsed.success) throw new PermanentFailure(`malformed job data: ${parsed.error.message}`);
  await syncJiraTicket(
    { db: getDb(), clientFor: jiraClientFor, now: () => new Date(), log, appUrl: getEnv().NEXTAUTH_URL },
    parsed.data.issueId,
    { retry: parsed.data.retried },
  );
};
