// One page of a paginated Sentry REST list: Bearer token, a timeout, and Sentry's answers mapped to
// the shared failures (429 → retry after Retry-After, 401/403 → permanent, anything else → retry with backoff).
import { PermanentFailure, RetryAfterFailure, TransientFailure } from "../../errors";
import type { SentryApiConfig } from "./fetch-latest-event";
import { findNextCursor } from "./find-next-cursor";

export interface SentryPage {
  body: unknown;
  nextCursor?: string;
}

const DEFAULT_RETRY_AFTER_SECONDS = 60;

export async function getSentryPage(
  config: SentryApiConfig,
  path: string,
  params: URLSearchParams,
): Promise<SentryPage> {
  const url = new URL(`/api/0/organizations/${encodeURIComponent(config.org)}/${path}`, config.apiUrl);
  url.search = params.toString();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${config.token}`, accept: "application/json" },
    signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
  });
  if (response.ok) return { body: await response.json(), nextCursor: findNextCursor(response.headers.get("link")) };
  const detail = await readDetail(response);
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new RetryAfterFailure(
      `Sentry API rate limit${detail}`,
      retryAfter > 0 ? retryAfter : DEFAULT_RETRY_AFTER_SECONDS,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new PermanentFailure(`Sentry API refused the token (HTTP ${response.status}${detail})`);
  }
  if (response.status === 404) throw new PermanentFailure(`Sentry organization "${config.org}" not found (HTTP 404)`);
  throw new TransientFailure(`Sentry API answered HTTP ${response.status} for ${path}${detail}`);
}

/** Sentry explains refusals in `{"detail": "..."}`; keep a short version for the log. */
async function readDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    return typeof detail === "string" ? `: ${detail.slice(0, 200)}` : "";
  } catch {
    return "";
  }
}
