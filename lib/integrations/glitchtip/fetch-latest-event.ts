// GlitchTip's REST "latest event" of an issue (`GET /api/0/issues/{id}/events/latest/`, Sentry's camelCase shape).
import { fetchLatestEventAt } from "../sentry/fetch-latest-event";

export interface GlitchTipApiConfig {
  /** Base URL of the GlitchTip server, e.g. https://glitchtip.example.com (a path prefix is kept). */
  apiUrl: string;
  token: string;
  timeoutMs?: number;
}

export function glitchtipLatestEventUrl(apiUrl: string, issueId: string): URL {
  return new URL(`${apiUrl.replace(/\/+$/, "")}/api/0/issues/${encodeURIComponent(issueId)}/events/latest/`);
}

export async function fetchGlitchTipLatestEvent(config: GlitchTipApiConfig, issueId: string): Promise<unknown> {
  return fetchLatestEventAt(glitchtipLatestEventUrl(config.apiUrl, issueId), {
    token: config.token,
    apiName: "GlitchTip API",
    timeoutMs: config.timeoutMs,
  });
}
