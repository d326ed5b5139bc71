// The worker as the tests watch it: the state of an issue's job, the description a job writes, and "idle"
// (nothing queued, waiting to retry or running, and the fake outside service quiet), the signal that
// replaces sleeping a few worker polls.
import type { Db } from "../../lib/db";
import { eventually } from "./eventually";

/** Jobs of `queues` not finished yet: created (maybe deferred), waiting to retry, or active. */
export async function pendingJobs(db: Db, queues: string[]): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = ANY($1::text[]) AND state < 'completed'`,
    queues,
  );
  return row?.n ?? 0;
}

/** The states of the `queue` jobs for one issue, oldest first. */
export async function jobStatesOf(db: Db, queue: string, issueId: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ state: string }[]>(
    `SELECT state::text FROM pgboss.job WHERE name = $1 AND data->>'issueId' = $2 ORDER BY created_on`,
    queue,
    issueId,
  );
  return rows.map((row) => row.state);
}

/**
 * Resolves once no job of `queues` is pending and `requests()` (a fake's request count) has not moved
 * for `quietMs` since. A job left to retry later keeps it waiting, so what it would still do is seen,
 * not missed as after a fixed sleep; and it returns as soon as the work is done.
 */
export async function untilIdle(
  db: Db,
  queues: string[],
  requests: () => number,
  { quietMs = 500, timeoutMs = 30_000 } = {},
): Promise<void> {
  let seen = requests();
  let quietSince = Date.now();
  let pending = 0;
  await eventually(
    `${queues.join(", ")} to be idle`,
    async () => {
      pending = await pendingJobs(db, queues);
      const count = requests();
      if (pending > 0 || count !== seen) {
        seen = count;
        quietSince = Date.now();
        return false;
      }
      return Date.now() - quietSince >= quietMs;
    },
    { timeoutMs, intervalMs: 100, context: () => `${pending} jobs pending, ${seen} requests so far` },
  );
}

/** Waits for the issue's description (written by the correlation job) to match `pattern`, and returns it. */
export async function untilDescription(
  db: Db,
  where: { id: string } | { identifier: string },
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<string> {
  let description = "";
  await eventually(
    `${pattern} in the description`,
    async () =>
      pattern.test(
        (description = (await db.issue.findUniqueOrThrow({ where, select: { description: true } })).description),
      ),
    { timeoutMs, intervalMs: 250, context: () => description },
  );
  return description;
}
