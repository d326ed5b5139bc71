// One error type for expected failures: a code, an HTTP status, and a message safe to show the caller.
export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "too_many_requests"
  | "not_configured"
  | "internal";

const statusByCode: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  not_configured: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    readonly publicMessage: string,
    options?: { cause?: unknown },
  ) {
    super(publicMessage, options);
    this.status = statusByCode[code];
  }
}

/** A unique constraint refused the write: Prisma's P2002, or PostgreSQL's 23505 from raw SQL on pg. */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "P2002" || code === "23505";
}

/** A foreign key refused the write (the row it names is gone): Prisma's P2003, or PostgreSQL's 23503. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "P2003" || code === "23503";
}

// Failures of work that talks to another system (Jira, GitHub, Sentry, GlitchTip) or runs as a job, and what
// to do about them. Every API client throws these (its own subclasses add detail), and the job runner acts
// on the kind alone: retry with backoff, give up and say why, or run again no sooner than asked.
export type FailureKind = "transient" | "permanent" | "retry_after";

export abstract class Failure extends Error {
  abstract readonly failure: FailureKind;
  /** retry_after: seconds to wait before the next attempt. */
  readonly retryAfterSeconds?: number;
  /** retry_after: false when waiting is the plan (flood control, a broken connection), not a symptom; it never makes a job give up. */
  readonly counted: boolean = true;
}

/** Worth trying again later (timeouts, network failures, 5xx): the runner retries with backoff. */
export class TransientFailure extends Failure {
  override name = "TransientFailure";
  readonly failure = "transient";
}

/** Retrying cannot help (missing repository, refused token, bad configuration): give up now and say why. */
export class PermanentFailure extends Failure {
  override name = "PermanentFailure";
  readonly failure = "permanent";
}

/** The remote asked us to wait (Retry-After, rate-limit reset): run again no sooner than that. */
export class RetryAfterFailure extends Failure {
  override name = "RetryAfterFailure";
  readonly failure = "retry_after";
  override readonly retryAfterSeconds: number;
  override readonly counted: boolean;
  constructor(message: string, retryAfterSeconds: number, counted = true, options?: { cause?: unknown }) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
    this.counted = counted;
  }
}

/** What to do about any thrown value: a Failure says; anything else is transient (an unexpected error may pass). */
export function failureOf(error: unknown): FailureKind {
  return error instanceof Failure ? error.failure : "transient";
}
