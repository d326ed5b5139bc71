// Applies a lifecycle event (regressed, escalating, resolved, assigned) to the issue linked to an
// external item, exactly once and never out of order: the event key makes a replay a no-op, and an
// event older than one already applied to the same state is recorded as stale and changes nothing.
import type { Db } from "../db";
import type { LifecycleEvent, LifecycleType } from "../ingest/lifecycle-event";
import type { ResolvedMapping } from "../ingest/resolve-project";
import { lockExternalItem } from "./lock-external-item";
import { applyLifecycleEffects, type LifecycleOutcome } from "./lifecycle-effects";

export interface ApplyLifecycleInput {
  source: string;
  externalId: string;
  issueId: string;
  event: LifecycleEvent;
  /** Identifies the delivery's content (e.g. a hash of its body); the same key twice is a replay. */
  eventKey: string;
  senderName: string;
  mapping: Pick<ResolvedMapping, "onResolve" | "escalationPriority">;
}

// Events that set the same piece of state are ordered against each other.
const STATE_OF: Record<LifecycleType, "status" | "assignee"> = {
  regressed: "status",
  escalating: "status",
  resolved: "status",
  assigned: "assignee",
};

export async function applyLifecycleEvent(db: Db, input: ApplyLifecycleInput): Promise<LifecycleOutcome> {
  const { source, externalId, eventKey, event } = input;
  return db.$transaction(async (tx) => {
    await lockExternalItem(tx, source, externalId);
    const recorded = await tx.externalIssueEvent.createMany({
      data: [{ source, externalId, eventKey, type: event.type, occurredAt: event.occurredAt, result: "pending" }],
      skipDuplicates: true,
    });
    if (recorded.count === 0) return { result: "duplicate", summary: "this delivery was already applied" };

    const sameState = Object.keys(STATE_OF).filter((type) => STATE_OF[type as LifecycleType] === STATE_OF[event.type]);
    const newer = await tx.externalIssueEvent.findFirst({
      where: { source, externalId, result: { in: ["applied", "no_op"] }, type: { in: sameState }, occurredAt: { gt: event.occurredAt } },
      select: { type: true },
    });
    const outcome: LifecycleOutcome = newer
      ? { result: "stale", summary: `older than the ${newer.type} event already applied` }
      : await applyLifecycleEffects(tx, input);
    await tx.externalIssueEvent.update({
      where: { source_externalId_eventKey: { source, externalId, eventKey } },
      data: { result: outcome.result },
      select: { id: true },
    });
    return outcome;
  });
}
