// State changes an external system reports for an item we may already track.
export type LifecycleEvent =
  | {
      type: "regressed" | "escalating";
      occurredAt: Date;
      eventCount?: number | null;
      userCount?: number | null;
      url?: string | null;
    }
  | { type: "resolved"; occurredAt: Date; resolutionType?: string | null }
  | { type: "assigned"; occurredAt: Date; assigneeEmail?: string | null; assigneeName?: string | null };

export type LifecycleType = LifecycleEvent["type"];
