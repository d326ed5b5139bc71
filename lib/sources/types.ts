// The shape every source (Sentry, GlitchTip, the generic API) plugs into the ingestion pipeline with.
import type { AppError } from "../errors";
import type { Priority } from "../generated/prisma/enums";
import type { LifecycleEvent } from "../lifecycle/lifecycle-event";
import type { Logger } from "../logger";

export interface RawDelivery {
  body: Buffer;
  headers: Headers;
  /** Where the request came from, for recording (and rate-limiting) refused requests. */
  origin?: DeliveryOrigin;
}

export interface DeliveryOrigin {
  /** The request's path, never its query (a GlitchTip URL carries its secret there). */
  endpoint: string;
  /** The client's address as clientAddress() buckets it (lib/http/client-address.ts). */
  clientAddress: string;
}

export type Verification = { ok: true; warning?: string } | { ok: false; error: AppError };

export interface LabelSpec {
  name: string;
  color: string;
}

/** What a source's payload becomes once understood: everything needed to create the internal issue. */
export interface NormalizedIssue extends ExternalRef {
  externalUrl: string | null;
  title: string;
  description: string;
  priority: Priority;
  labels: LabelSpec[];
  metadata: Record<string, unknown>;
  /** When the sender first saw the error (ISO), the end of the commit window for correlation. */
  firstSeen?: string | null;
  /** The crash frame as far as the webhook tells it, used when no stack trace can be fetched. */
  crashLocation?: { filename?: string | null; function?: string | null } | null;
  /** Ticket fields the sender asked for (e.g. the bridge URL's labels/components/issue_type), over the mapping's. */
  ticketOverrides?: TicketOverrides | null;
}

export interface TicketOverrides {
  issueType?: string | null;
  labels?: string[];
  components?: string[];
}

export type Decision =
  /** Create the issue unless tracked; when tracked, apply `lifecycle` to it (e.g. a regression). */
  | { kind: "create"; issue: NormalizedIssue; lifecycle?: LifecycleEvent }
  /** Apply a lifecycle event to the tracked issue; nothing to do when the item is not tracked. */
  | { kind: "update"; ref: ExternalRef; lifecycle: LifecycleEvent }
  | { kind: "skip"; reason: string; externalId?: string };

export interface ExternalRef {
  source: string;
  externalId: string;
  /** The sender's project (e.g. Sentry project slug), looked up in source mappings. */
  externalProject: string;
  /** How the sender names the item in logs and responses (e.g. Sentry short id). */
  displayId: string;
}

export interface LinkedIssueRef {
  id: string;
  identifier: string;
  /** The issue's Jira ticket, once Jira has given it a key. */
  ticket?: KnownTicket | null;
}

export interface KnownTicket {
  key: string;
  url: string | null;
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
  /**
   * Validates the parsed JSON and decides what to do; throws AppError("bad_request") with the reason.
   * A message that carries several items (a GlitchTip alert lists up to 3 issues) yields one decision each.
   */
  interpret(payload: unknown, headers: Headers, log: Logger): Decision | Decision[];
  present: {
    created(issue: LinkedIssueRef, normalized: NormalizedIssue): unknown;
    deduplicated(issue: LinkedIssueRef, normalized: NormalizedIssue): unknown;
    updated(issue: LinkedIssueRef, ref: ExternalRef, summary: string): unknown;
    skipped(reason: string): unknown;
    /** The answer to a message that carried several items: one entry per item, in order. */
    many?(items: ItemResult[]): unknown;
  };
}

/** What became of one item of a delivery. */
export interface ItemResult {
  outcome: "created" | "deduplicated" | "updated" | "skipped";
  reason?: string;
  externalId?: string;
  issue?: LinkedIssueRef;
  /** The item's answer as the source presents a single item. */
  body: unknown;
}

export interface IngestResponse {
  status: number;
  body: unknown;
  deliveryId?: string;
  /** Response headers beyond the JSON content type (e.g. Retry-After on a 429). */
  headers?: Record<string, string>;
}
