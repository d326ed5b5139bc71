// Applies a lifecycle event (regressed, escalating, resolved, assigned) to the issue linked to an
// external item, exactly once and never out of order: the event key makes a replay a no-op, and an
// event older than one already applied to the same state is recorded as stale and changes nothing.
// A state-gated event (onlyIfClosed/onlyIfOpen) is for senders that repeat the identical body: the
// issue's state, read under the item lock, decides instead of the event key.
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { CLOSED_STATUSES } from "../issues/vocabulary";
import { applyLifecycleEffects } from "./lifecycle-effects";
import type { ApplyLifecycleInput, LifecycleEvent, LifecycleOutcome, LifecycleType } from "./lifecycle-event";
import { lockExternalItem } from "./lock-external-item";

// Events that set the same piece of state are ordered against each other.
const STATE_OF: Record<LifecycleType, "status" | "assignee"> = {
  regressed: "status",
  escalating: "status",
  resolved: "status",
  assigned: "assignee",
};

/** "closed": the event acts only on a closed issue; "open": only on an open one; undefined: not gated. */
function stateGate(event: LifecycleEvent): "closed" | "open" | undefined {
  if ((event.type === "regressed" || event.type === "escalating") && event.onlyIfClosed) return "closed";
  if (event.type === "resolved" && event.onlyIfOpen) return "open";
  return undefined;
}

export async function applyLifecycleEvent(db: Db, input: ApplyLifecycleInput): Promise<LifecycleOutcome> {
  const { source, externalId, event } = input;
  const gate = stateGate(event);
  return db.$transaction(async (tx) => {
    await lockExternalItem(tx, source, externalId);
    if (gate) {
      // Under the lock, so of N concurrent repeats exactly one sees the issue in the state it changes.
      const issue = await tx.issue.findUniqueOrThrow({
        where: { id: input.issueId },
        select: { identifier: true, status: true },
      });
      const closed = CLOSED_STATUSES.has(issue.status);
      // Not recorded: the same body must be able to act again once the issue's state allows it.
      if (gate === "closed" && !closed)
        return { result: "no_op", summary: `${issue.identifier}: still open, nothing to reopen` };
      if (gate === "open" && closed) return { result: "no_op", summary: `${issue.identifier}: already closed` };
    }
    // A gated event's body may recur verbatim and must then apply again, so it is recorded under a key of its own.
    const eventKey = gate ? `${input.eventKey}:${randomUUID()}` : input.eventKey;
    const recorded = await tx.externalIssueEvent.createMany({
      data: [{ source, externalId, eventKey, type: event.type, occurredAt: event.occurredAt, result: "pending" }],
      skipDuplicates: true,
    });
    if (recorded.count === 0) return { result: "duplicate", summary: "this delivery was already applied" };

    const sameState = Object.keys(STATE_OF).filter((type) => STATE_OF[type as LifecycleType] === STATE_OF[event.type]);
    const newer = await tx.externalIssueEvent.findFirst({
      where: {
        source,
        externalId,
        result: { in: ["applied", "no_op"] },
        type: { in: sameState },
        occurredAt: { gt: event.occurredAt },
      },
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
