// jira.sweep: ask Jira again about connections marked broken, then re-queue Jira tickets whose sync
// job gave up or was lost (see lib/jira-sync).
import { getDb } from "../../db";
import { jiraClientFor } from "../../jira-sync/jira-client-for";
import { probeBrokenConnections } from "../../jira-sync/probe-broken-connections";
import { sweepStalledTickets } from "../../jira-sync/sweep-stalled-tickets";
import type { JobHandler } from "../run-worker";

export const jiraSweepJob: JobHandler = async (_data, { log }) => {
  const db = getDb();
  const healed = await probeBrokenConnections({ db, clientFor: jiraClientFor, now: () => new Date(), log });
  if (healed.length > 0) log.info({ healed }, "jira.connections_working_again");
  const requeued = await sweepStalledTickets(db, new Date());
  if (requeued > 0) log.info({ requeued }, "jira.sweep_requeued");
};
