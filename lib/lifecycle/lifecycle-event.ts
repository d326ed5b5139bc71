// State changes an external system reports for an item we may already track, and what applying one answers.
import type { Priority, ResolveAction } from "../generated/prisma/enums";

export type LifecycleEvent =
  | {
      type: "regressed" | "escalating";
      occurredAt: Date;
      eventCount?: number | null;
      userCount?: number | null;
      url?: string | null;
      /**
       * Act only while the internal issue is closed (done/canceled). For senders whose repeat alerts
       * carry no timestamp or id (GlitchTip): the issue's state decides, not the event key. While the
       * issue is open the event is a no_op that is not recorded, so the identical body can still reopen
       * the issue after a later resolve.
       */
      onlyIfClosed?: boolean;
      /** What happened in the sender's words (e.g. "reports this monitor is down again"), instead of the default. */
      summary?: string | null;
    }
  | {
      type: "resolved";
      occurredAt: Date;
      resolutionType?: string | null;
      /** The counterpart of `onlyIfClosed`: act only while the issue is open; otherwise an unrecorded no_op. */
      onlyIfOpen?: boolean;
    }
  | { type: "assigned"; occurredAt: Date; assigneeEmail?: string | null; assigneeName?: string | null };

export type LifecycleType = LifecycleEvent["type"];

/** One event to apply to the issue linked to an external item. */
export interface ApplyLifecycleInput {
  source: string;
  externalId: string;
  issueId: string;
  event: LifecycleEvent;
  /** Identifies the delivery's content (e.g. a hash of its body); the same key twice is a replay. */
  eventKey: string;
  senderName: string;
  /** How the source's mapping says events act (the default project's mapping: resolve, no escalation priority). */
  mapping: { onResolve: ResolveAction; escalationPriority: Priority | null };
}

export interface LifecycleOutcome {
  result: "applied" | "no_op" | "stale" | "duplicate";
  summary: string;
}
