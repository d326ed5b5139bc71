// Typed failures of Jira calls, so the sync job can tell "wait", "retry", "give up" and "fix the
// connection" apart, and show Jira's own words to users. In the shared taxonomy (lib/errors.ts) a
// refused credential is permanent: the same request fails until someone fixes the connection.
import { Failure, type FailureKind } from "../../errors";
import type { JiraErrorKind } from "./types";

const FAILURE_OF: Record<JiraErrorKind, FailureKind> = {
  rate_limited: "retry_after",
  transient: "transient",
  permanent: "permanent",
  auth: "permanent",
};

export const DEFAULT_RETRY_AFTER_SECONDS = 60;
export const MIN_RETRY_AFTER_SECONDS = 5;

export interface JiraErrorDetails {
  status?: number;
  retryAfterSeconds?: number;
  messages?: string[];
  cause?: unknown;
}

export class JiraError extends Failure {
  override name = "JiraError";
  readonly kind: JiraErrorKind;
  readonly failure: FailureKind;
  readonly status?: number;
  override readonly retryAfterSeconds?: number;
  /** Jira's `errorMessages` and `errors` entries ("labels: ..."), fit to show verbatim. */
  readonly messages: string[];

  constructor(kind: JiraErrorKind, message: string, details: JiraErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.failure = FAILURE_OF[kind];
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.messages = details.messages ?? [];
  }
}

export function isJiraError(error: unknown): error is JiraError {
  return error instanceof JiraError;
}

/** `Retry-After` in seconds (delta or HTTP date); 60 when absent or unparsable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number {
  const text = value?.trim() ?? "";
  // A floor of a few seconds: "0" would make a deferred job spin against a limiting Jira.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil(Number(text)));
  // An HTTP date names its month; Date.parse alone would take "-5" for a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isNaN(date)) return Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil((date - now) / 1000));
  return DEFAULT_RETRY_AFTER_SECONDS;
}

/** Jira's error body `{errorMessages: [...], errors: {field: message}}` as flat lines. */
export function jiraMessages(body: unknown): string[] {
  if (typeof body !== "object" || body === null) return [];
  const { errorMessages, errors } = body as { errorMessages?: unknown; errors?: unknown };
  const messages = Array.isArray(errorMessages)
    ? errorMessages.filter((m): m is string => typeof m === "string" && m !== "")
    : [];
  if (typeof errors === "object" && errors !== null) {
    for (const [field, message] of Object.entries(errors)) {
      if (typeof message === "string" && message !== "") messages.push(`${field}: ${message}`);
    }
  }
  return messages;
}

export function kindForStatus(status: number): JiraErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  // 408 is a timeout and 409/423/425 are "not now": the same request can succeed later.
  if (status >= 500 || status === 408 || status === 409 || status === 423 || status === 425) return "transient";
  return "permanent";
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A non-2xx answer. `what` names the operation ("create ticket in OPS"); headers never reach the message. */
export function jiraErrorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  what: string,
  now = Date.now(),
): JiraError {
  const kind = kindForStatus(status);
  const messages = jiraMessages(parseBody(bodyText));
  const retryAfterSeconds = kind === "rate_limited" ? parseRetryAfter(headers.get("retry-after"), now) : undefined;
  const detail = messages.length > 0 ? `: ${messages.join("; ")}` : "";
  const wait = retryAfterSeconds === undefined ? "" : ` (retry in ${retryAfterSeconds} s)`;
  return new JiraError(kind, `Jira ${what} failed with HTTP ${status}${detail}${wait}`, {
    status,
    retryAfterSeconds,
    messages,
  });
}

/** fetch threw: timeout, abort, DNS, refused or reset connection. All worth a later retry. */
export function jiraErrorFromException(error: unknown, what: string): JiraError {
  if (error instanceof JiraError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new JiraError("transient", `Jira did not answer in time (${what})`, { cause: error });
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const reason =
    typeof cause?.code === "string"
      ? cause.code
      : typeof cause?.message === "string"
        ? cause.message
        : String((error as Error)?.message ?? error);
  return new JiraError("transient", `Jira could not be reached (${what}): ${reason}`, { cause: error });
}
