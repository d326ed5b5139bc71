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

/** An HTTP answer as data (status and JSON body), for a route, a webhook or the pipeline to send. */
export interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Not an AppError: a bug or an outage, for the caller to log with its context. */
  unexpected: boolean;
}

export interface ErrorAnswerOptions {
  /** Fields the answer starts with, e.g. a webhook's `{ success: false }`. */
  envelope?: Record<string, unknown>;
  /** Added to the body when set: the stored delivery the answer is about. */
  deliveryId?: string;
  /** The 500's message: an unexpected error's own never reaches the caller. */
  unexpectedMessage?: string;
}

/**
 * The one mapping from an error to an HTTP answer, for every route: an AppError answers its status and
 * public message (and the fields at fault, for invalid input); anything else is a 500 with a fixed message.
 */
export function errorAnswer(error: unknown, options: ErrorAnswerOptions = {}): ErrorAnswer {
  const extra = options.deliveryId === undefined ? {} : { deliveryId: options.deliveryId };
  if (error instanceof AppError) {
    const issues = (error as { issues?: unknown }).issues;
    return {
      status: error.status,
      body: { ...options.envelope, error: error.publicMessage, ...(issues === undefined ? {} : { issues }), ...extra },
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: { ...options.envelope, error: options.unexpectedMessage ?? "Internal error", ...extra },
    unexpected: true,
  };
}
