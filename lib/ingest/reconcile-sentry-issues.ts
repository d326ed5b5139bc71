// Sentry never retries internal integrations, so a webhook we missed is lost unless we ask. This
// polls the recently first-seen unresolved issues of the polled projects and feeds each one we do
// not track through the webhook's own pipeline (as the `issue.created` Sentry would have sent).
// Idempotent and safe beside live webhooks: the pipeline's dedup decides, under its lock, who creates.
import type { Db } from "../db";
import type { SentryApiConfig } from "../integrations/sentry/fetch-latest-event";
import { listRecentIssues, type RecentIssue } from "../integrations/sentry/list-recent-issues";
import type { Logger } from "../logger";
import { buildReconciliationDelivery } from "../sources/sentry/build-reconciliation-delivery";
import { sentryReconciliationAdapter } from "../sources/sentry/reconciliation-adapter";
import { resolvePolledProjects } from "../sources/sentry/resolve-polled-projects";
import { ingestDelivery } from "./ingest-delivery";

export interface ReconcileInput {
  config: SentryApiConfig;
  windowHours: number;
  log: Logger;
}

export interface ReconcileCounts {
  fetched: number;
  invalid: number;
  alreadyTracked: number;
  created: number;
  /** Tracked meanwhile: a webhook won the race. */
  deduplicated: number;
  skipped: number;
  /** Refused by the pipeline (4xx): retrying cannot help, the delivery row says why. */
  rejected: number;
  /** Failed unexpectedly (5xx): the job fails and is retried. */
  failed: number;
}

export async function reconcileSentryIssues(db: Db, input: ReconcileInput): Promise<ReconcileCounts> {
  const { config, windowHours, log } = input;
  const counts: ReconcileCounts = {
    fetched: 0,
    invalid: 0,
    alreadyTracked: 0,
    created: 0,
    deduplicated: 0,
    skipped: 0,
    rejected: 0,
    failed: 0,
  };
  const projectIds = await resolvePolledProjects(db, config, log);
  if (projectIds !== "all" && projectIds.length === 0) {
    log.warn("sentry.reconcile.no_projects: no mapped project exists in Sentry");
    return counts;
  }
  const listed = await listRecentIssues(config, { windowHours, projectIds });
  for (const item of listed.invalid)
    log.warn({ sentryIssueId: item.id, reason: item.reason }, "sentry.reconcile.invalid_issue");
  if (listed.truncated) log.warn({ pages: listed.pages }, "sentry.reconcile.truncated");
  counts.fetched = listed.issues.length;
  counts.invalid = listed.invalid.length;

  const missing = await findUntracked(db, listed.issues);
  counts.alreadyTracked = listed.issues.length - missing.length;
  for (const issue of missing) {
    const answer = await ingestDelivery(db, sentryReconciliationAdapter, buildReconciliationDelivery(issue.raw));
    if (answer.status >= 400) {
      const failed = answer.status >= 500;
      counts[failed ? "failed" : "rejected"] += 1;
      log[failed ? "error" : "warn"](
        { sentryIssueId: issue.id, deliveryId: answer.deliveryId, status: answer.status },
        "sentry.reconcile.not_ingested",
      );
    } else if (answer.body === "created") counts.created += 1;
    else if (answer.body === "skipped") counts.skipped += 1;
    else counts.deduplicated += 1;
  }
  log.info({ ...counts, pages: listed.pages, projects: projectIds }, "sentry.reconcile.done");
  if (counts.failed > 0)
    throw new Error(`${counts.failed} of ${missing.length} missed Sentry issues could not be ingested`);
  return counts;
}

/** Oldest first, so identifiers follow the order in which Sentry first saw the issues. */
async function findUntracked(db: Db, issues: RecentIssue[]): Promise<RecentIssue[]> {
  const tracked = await db.externalIssue.findMany({
    where: { source: "sentry", externalId: { in: issues.map((issue) => issue.id) } },
    select: { externalId: true },
  });
  const trackedIds = new Set(tracked.map((row) => row.externalId));
  return issues.filter((issue) => !trackedIds.has(issue.id)).sort((a, b) => timeOf(a.firstSeen) - timeOf(b.firstSeen));
}

function timeOf(value: string | null): number {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
}
