// The shape every source (Sentry, GlitchTip, the generic API) plugs into the ingestion pipeline with.
import type { AppError } from "../errors";
import type { Priority } from "../generated/prisma/enums";
import type { Logger } from "../logger";

export interface RawDelivery {
  body: Buffer;
  headers: Headers;
}

export type Verification = { ok: true; warning?: string } | { ok: false; error: AppError };

export interface LabelSpec {
  name: string;
  color: string;
}

/** What a source's payload becomes once understood: everything needed to create the internal issue. */
export interface NormalizedIssue {
  source: string;
  externalId: string;
  externalUrl: string | null;
  /** The sender's project (e.g. Sentry project slug), looked up in source mappings. */
  externalProject: string;
  /** How the sender names the item in logs and responses (e.g. Sentry short id). */
  displayId: string;
  title: string;
  description: string;
  priority: Priority;
  labels: LabelSpec[];
  metadata: Record<string, unknown>;
}

export type Decision =
  | { kind: "create"; issue: NormalizedIssue }
  | { kind: "skip"; reason: string; externalId?: string };

export interface LinkedIssueRef {
  id: string;
  identifier: string;
}

export interface SourceAdapter {
  source: string;
  /** Prefix of this source's log lines, e.g. "[Sentry Webhook]". */
  logPrefix: string;
  /** Name of the sender in human-readable log lines, e.g. "Sentry". */
  senderName: string;
  /** Request headers kept with each stored delivery. */
  keptHeaders: readonly string[];
  verify(delivery: RawDelivery): Verification;
  /** Validates the parsed JSON and decides what to do; throws AppError("bad_request") with the reason. */
  interpret(payload: unknown, headers: Headers, log: Logger): Decision;
  present: {
    created(issue: LinkedIssueRef, normalized: NormalizedIssue): unknown;
    deduplicated(issue: LinkedIssueRef, normalized: NormalizedIssue): unknown;
    skipped(reason: string): unknown;
  };
}

export interface IngestResponse {
  status: number;
  body: unknown;
  deliveryId?: string;
}
