// Sentry's (and GlitchTip's, same shape) REST "latest event" of an issue, for its stack frames.
import { PermanentFailure, RetryAfterFailure, TransientFailure } from "../../errors";

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
  return fetchLatestEventAt(url, { token: config.token, apiName: "Sentry API", timeoutMs: config.timeoutMs });
}

/** GET a latest-event URL with a Bearer token: the event, undefined when there is none (404), or a Failure (lib/errors.ts). */
export async function fetchLatestEventAt(
  url: URL,
  options: { token: string; apiName: string; timeoutMs?: number },
): Promise<unknown> {
  const { apiName } = options;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.token}`, accept: "application/json" },
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  if (response.ok) return response.json();
  if (response.status === 429) {
    throw new RetryAfterFailure(`${apiName} rate limit`, Number(response.headers.get("retry-after")) || 60);
  }
  if (response.status === 401 || response.status === 403) {
    throw new PermanentFailure(`${apiName} refused the token (HTTP ${response.status})`);
  }
  if (response.status === 404) return undefined;
  throw new TransientFailure(`${apiName} answered HTTP ${response.status} for the latest event`);
}
