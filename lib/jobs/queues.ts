// Every durable job queue, with its retry policy. Retries back off exponentially with jitter
// (pg-boss: delay·2^n/2 + random·delay·2^n/2); a job is failed by timeout when a worker dies mid-run,
// then retried, so handlers must be idempotent.
export const QUEUES = {
  githubCorrelate: {
    name: "github.correlate",
    // stately: at most one waiting and one running job per singletonKey (the issue id).
    policy: "stately",
    retryLimit: 6,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 120,
  },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];

export const ALL_QUEUES = Object.values(QUEUES);
