// Typed failures of GitHub calls, in the shared taxonomy (lib/errors.ts), so the job runner can tell
// "retry at this time" from "give up" from "retry with backoff".
import { PermanentFailure, RetryAfterFailure, TransientFailure } from "../../errors";

/** GitHub's rate limit: `retryAfterSeconds` until it accepts requests again. */
export class GitHubRateLimitError extends RetryAfterFailure {
  override name = "GitHubRateLimitError";
  constructor(message: string, retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(message, retryAfterSeconds, true, options);
  }
}

/** Will fail the same way on retry: missing repository, no access, bad credentials, unknown commit. */
export class GitHubPermanentError extends PermanentFailure {
  override name = "GitHubPermanentError";
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Timeouts, network failures and 5xx answers that survived in-process retries: retry later. */
export class GitHubUnavailableError extends TransientFailure {
  override name = "GitHubUnavailableError";
}

interface ErrorLike {
  name?: string;
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

const DEFAULT_RETRY_AFTER_SECONDS = 60;

function retryAfter(headers: Record<string, string | number | undefined>, now: number): number | undefined {
  const header = headers["retry-after"];
  if (header !== undefined && header !== "") {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
    const date = Date.parse(String(header));
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  if (String(headers["x-ratelimit-remaining"]) === "0" && headers["x-ratelimit-reset"] !== undefined) {
    // +1: the window reopens after the reset second, not at it.
    return Math.max(1, Number(headers["x-ratelimit-reset"]) - Math.floor(now / 1000) + 1);
  }
  return undefined;
}

export function toGitHubError(error: unknown, what: string, now = Date.now()): Error {
  if (
    error instanceof GitHubRateLimitError ||
    error instanceof GitHubPermanentError ||
    error instanceof GitHubUnavailableError
  ) {
    return error;
  }
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const status = typeof e.status === "number" ? e.status : 0;
  const headers = e.response?.headers ?? {};
  if (e.name === "AbortError")
    return new GitHubUnavailableError(`GitHub did not answer in time (${what})`, { cause: error });
  const wait = retryAfter(headers, now);
  const rateLimited = status === 429 || (status === 403 && (wait !== undefined || /rate limit/i.test(e.message ?? "")));
  if (rateLimited) {
    const seconds = wait ?? DEFAULT_RETRY_AFTER_SECONDS;
    return new GitHubRateLimitError(`GitHub rate limit reached (${what}); retry in ${seconds} s`, seconds, {
      cause: error,
    });
  }
  if (status === 404)
    return new GitHubPermanentError(`repository not found or no access (${what})`, status, { cause: error });
  if (status === 401) return new GitHubPermanentError(`GitHub rejected the token (${what})`, status, { cause: error });
  if (status === 403) return new GitHubPermanentError(`the token has no access (${what})`, status, { cause: error });
  if (status === 422)
    return new GitHubPermanentError(`GitHub cannot resolve the request (${what})`, status, { cause: error });
  return new GitHubUnavailableError(`GitHub request failed${status ? ` with ${status}` : ""} (${what})`, {
    cause: error,
  });
}
