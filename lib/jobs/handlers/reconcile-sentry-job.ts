// sentry.reconcile (cron, see SENTRY_RECONCILE_CRON): creates the Sentry issues whose webhook we
// missed. A refused token fails at once; a rate limit waits for Retry-After; other trouble retries.
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { reconcileSentryIssues } from "../../ingest/reconcile-sentry-issues";
import type { JobHandler } from "../run-worker";

export const reconcileSentryJob: JobHandler = async (_data, { log }) => {
  const env = getEnv();
  if (!env.SENTRY_AUTH_TOKEN || !env.SENTRY_ORG) {
    // A job left over from before the token was removed: reconciliation is off.
    log.info("sentry.reconcile.disabled");
    return;
  }
  await reconcileSentryIssues(getDb(), {
    config: { apiUrl: env.SENTRY_API_URL, org: env.SENTRY_ORG, token: env.SENTRY_AUTH_TOKEN },
    windowHours: env.SENTRY_RECONCILE_WINDOW_HOURS,
    log,
  });
};
