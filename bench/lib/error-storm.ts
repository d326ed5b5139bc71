// A storm of distinct new errors for the correlation benchmarks: signed Sentry webhooks, 10 at a time,
// over the same hour of a generated history, each crashing in another file of the repository.
import type { Db } from "../../lib/db";
import type { generateScenario } from "../../tests/support/generate-history";
import { postSentry, sentryIssuePayload } from "../../tests/support/sentry";

export async function postErrorStorm(
  appUrl: string,
  scenario: ReturnType<typeof generateScenario>,
  errors: number,
): Promise<void> {
  const paths = [...new Set(scenario.repo.commits.flatMap((commit) => commit.files.map((file) => file.filename)))];
  for (let batch = 0; batch < errors; batch += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, errors - batch) }, async (_, offset) => {
        const index = batch + offset;
        const payload = sentryIssuePayload({ id: String(800_000 + index), title: `Error #${index}` });
        payload.data.issue.firstSeen = new Date(scenario.firstSeen.getTime() - (index % 60) * 60_000).toISOString();
        payload.data.issue.metadata.filename = paths[index % paths.length]!;
        const response = await postSentry(appUrl, JSON.stringify(payload));
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      }),
    );
  }
}

/** Waits until every error's correlation ended (correlated or given up). */
export async function waitForCorrelations(db: Db, errors: number, started: number, limitMs = 900_000): Promise<void> {
  for (;;) {
    const done = await db.activity.count({ where: { action: { in: ["correlated", "job_failed"] } } });
    if (done >= errors) return;
    if (Date.now() - started > limitMs) throw new Error(`only ${done} of ${errors} correlations finished`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
