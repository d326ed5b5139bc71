// How a job handler tells the runner what kind of failure it hit.

/** Retrying cannot help (missing repository, bad configuration): fail now and say why. */
export class PermanentJobError extends Error {
  override readonly name = "PermanentJobError";
}

/** The remote asked us to wait (Retry-After, rate-limit reset): run again no sooner than that. */
export class RetryLaterError extends Error {
  override readonly name = "RetryLaterError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** false: waiting is the plan (flood control, a broken connection), not a symptom; it never makes the job give up. */
    readonly counted = true,
  ) {
    super(message);
  }
}
