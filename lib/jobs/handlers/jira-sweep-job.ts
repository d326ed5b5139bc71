// jira.sweep: re-queue Jira tickets whose sync job gave up or was lost (see lib/jira-sync).
import { getDb } from "../../db";
import { sweepStalledTickets } from "../../jira-sync/sweep-stalled-tickets";
import type { JobHandler } from "../run-worker";

export const jiraSweepJob: JobHandler = async (_data, { log }) => {
  const requeued = await sweepStalledTickets(getDb(), new Date());
  if (requeued > 0) log.info({ requeued }, "jira.sweep_requeued");
};
