// The `issue.created` webhook Sentry would have sent for an issue the poll found untracked, as a raw
// delivery for the ingestion pipeline. Stored like any delivery, marked `x-tracker-origin: reconciliation`.
import type { RawDelivery } from "../types";
import { ORIGIN_HEADER, RECONCILIATION_ORIGIN } from "./reconciliation-adapter";

// The issue keeps Sentry's current state, except that "ongoing" (which the event table rightly skips
// for a real `created` webhook) becomes "new": it was new when its webhook was missed.
export function buildReconciliationDelivery(issue: Record<string, unknown>, now = new Date()): RawDelivery {
  const body = {
    action: "created",
    data: { issue: issue.substatus === "ongoing" ? { ...issue, substatus: "new" } : issue },
    actor: { type: "application", id: "tracker-reconcile", name: "Reconciliation" },
  };
  return {
    body: Buffer.from(JSON.stringify(body)),
    headers: new Headers({
      "content-type": "application/json",
      "sentry-hook-resource": "issue",
      "sentry-hook-timestamp": String(Math.floor(now.getTime() / 1000)),
      [ORIGIN_HEADER]: RECONCILIATION_ORIGIN,
    }),
  };
}
