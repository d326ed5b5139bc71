// jira.sweep (cron): a ticket must never be stranded because its job gave up (a long Jira outage
// outlasting the retries) or was lost. Every few minutes, tickets still waiting to be created, and
// created tickets whose status disagrees with the issue, get a sync job again (idempotent: the queue
// keeps one waiting job per issue). Tickets Jira refused (failed) wait for a person's Retry.
import type { Db } from "../db";
import { enqueueJiraSync } from "./enqueue-jira-sync";

/** Rows touched more recently than this are left to the job that is handling them. */
export const STALLED_AFTER_MS = 10 * 60_000;

export async function sweepStalledTickets(db: Db, now: Date): Promise<number> {
  const stalledBefore = new Date(now.getTime() - STALLED_AFTER_MS);
  const rows = await db.$queryRaw<{ issue_id: string; not_before: Date | null }[]>`
    SELECT t.issue_id, t.not_before
      FROM jira_ticket t JOIN issue i ON i.id = t.issue_id
      JOIN jira_connection c ON c.id = t.connection_id
     WHERE t.updated_at < ${stalledBefore}
       AND c.status <> 'broken'
       AND (t.state IN ('pending', 'rate_limited', 'creating')
            OR (t.state = 'created' AND (t.ticket_category = 'done') <> (i.status IN ('done', 'canceled'))))
     ORDER BY t.updated_at
     LIMIT 500`;
  for (const row of rows) {
    const waitSeconds = row.not_before ? Math.ceil((row.not_before.getTime() - now.getTime()) / 1000) : 0;
    await db.$transaction((tx) => enqueueJiraSync(tx, row.issue_id, waitSeconds > 0 ? waitSeconds : undefined));
  }
  return rows.length;
}
