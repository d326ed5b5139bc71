// Sentry's (and GlitchTip's, same shape) REST "latest event" of an issue, for its stack frames.
import { PermanentJobError, RetryLaterError } from "../../jobs/job-errors";

export interface SentryApiConfig {
  apiUrl: string;
  org: string;
  token: string;
  timeoutMs?: number;
}

export async function fetchLatestEvent(config: SentryApiConfig, issueId: string): Promise<unknown> {
  const url = new URL(
    `/api/0/organizations/${encodeURIComponent(config.org)}/issues/${encodeURIComponent(issueId)}/events/latest/`,
    config.apiUrl,
  );
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${config.token}`, accept: "application/json" },
    signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
  });
  if (response.ok) return response.json();
  if (response.status === 429) {
    throw new RetryLaterError("Sentry API rate limit", Number(response.headers.get("retry-after")) || 60);
  }
  if (response.status === 401 || response.status === 403) {
    throw new PermanentJobError(`Sentry API refused the token (HTTP ${response.status})`);
  }
  if (response.status === 404) return undefined;
  throw new Error(`Sentry API answered HTTP ${response.status} for the latest event`);
}
