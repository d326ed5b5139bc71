// Every durable job queue, with its retry policy. Retries back off exponentially with jitter
// (pg-boss: delay·2^n/2 + random·delay·2^n/2); a job is failed by timeout when a worker dies mid-run,
// then retried, so handlers must be idempotent.
export const QUEUES = {
  githubCorrelate: {
    name: "github.correlate",
    // short: at most one waiting job per singletonKey (the issue id); one running per key is the
    // worker's key lock (lib/jobs/job-key-lock.ts), since stately's would stall every slot.
    policy: "short",
    retryLimit: 6,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 120,
  },
  sentryReconcile: {
    name: "sentry.reconcile",
    // stately: one poll running and at most one waiting, so cron ticks during a Sentry outage
    // do not pile up polls that would all ask for the same window.
    policy: "stately",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
  },
  jiraSync: {
    name: "jira.sync",
    // short + the worker's key lock: one sync per issue running and one waiting; the job converges,
    // so a waiting one covers every later change.
    policy: "short",
    retryLimit: 8,
    retryDelay: 15,
    retryBackoff: true,
    // Longer than a run's worst case (a few Jira calls of JIRA_TIMEOUT_SECONDS ≤ 60 each), so a slow run
    // is not taken for a dead one and run twice at once.
    expireInSeconds: 600,
  },
  jiraSweep: {
    name: "jira.sweep",
    policy: "stately",
    retryLimit: 1,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 300,
  },
  issuesBulk: {
    name: "issues.bulk",
    // One job per bulk operation (singletonKey: its id; short + the worker's key lock, as above);
    // it resumes from the operation's progress counter.
    policy: "short",
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 900,
  },
  deliveriesRecover: {
    name: "deliveries.recover",
    // stately: one recovery running across all workers, so no delivery is resumed twice at once.
    policy: "stately",
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: false,
    expireInSeconds: 600,
  },
  deliveriesReplay: {
    name: "deliveries.replay",
    // One job per replay operation (singletonKey: its id); it resumes from the operation's progress counter.
    policy: "stately",
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 900,
  },
  deliveriesPrune: {
    name: "deliveries.prune",
    // stately: one prune at a time; each run empties old bodies in small batches (lib/admin/prune-delivery-bodies.ts).
    policy: "stately",
    retryLimit: 1,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 600,
  },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];

export const ALL_QUEUES = Object.values(QUEUES);
