// Which handler runs each queue.

import { QUEUES, type QueueName } from "../queues";
import type { JobHandler } from "../run-worker";
import { bulkUpdateJob } from "./bulk-update-job";
import { correlateIssueJob } from "./correlate-issue-job";
import { jiraSweepJob } from "./jira-sweep-job";
import { jiraSyncJob } from "./jira-sync-job";
import { pruneDeliveryBodiesJob } from "./prune-delivery-bodies-job";
import { reconcileSentryJob } from "./reconcile-sentry-job";
import { recoverDeliveriesJob } from "./recover-deliveries-job";
import { replayDeliveriesJob } from "./replay-deliveries-job";

export const jobHandlers: Partial<Record<QueueName, JobHandler>> = {
  [QUEUES.githubCorrelate.name]: correlateIssueJob,
  [QUEUES.sentryReconcile.name]: reconcileSentryJob,
  [QUEUES.jiraSync.name]: jiraSyncJob,
  [QUEUES.jiraSweep.name]: jiraSweepJob,
  [QUEUES.issuesBulk.name]: bulkUpdateJob,
  [QUEUES.deliveriesRecover.name]: recoverDeliveriesJob,
  [QUEUES.deliveriesReplay.name]: replayDeliveriesJob,
  [QUEUES.deliveriesPrune.name]: pruneDeliveryBodiesJob,
};
