// The Sentry adapter for issues the reconciliation poll fetched itself: the same interpretation
// (schema, event table, normalization), so dedup, numbering, follow-ups and delivery records are those
// of a webhook. Only the trust differs: the caller is our own job, which read the issue from Sentry's
// API with our token, so there is no signature to check. The webhook route never uses this adapter.
import type { SourceAdapter } from "../types";
import { sentryAdapter } from "./adapter";

export const ORIGIN_HEADER = "x-tracker-origin";
export const RECONCILIATION_ORIGIN = "reconciliation";

export type ReconcileOutcome = "created" | "deduplicated" | "updated" | "skipped";

export const sentryReconciliationAdapter: SourceAdapter = {
  ...sentryAdapter,
  source: "sentry",
  logPrefix: "[Sentry Reconcile]",
  keptHeaders: [...sentryAdapter.keptHeaders, ORIGIN_HEADER],
  verify: () => ({ ok: true }),
  // The job only needs to count what happened; the pipeline's answer is that outcome.
  present: {
    created: (): ReconcileOutcome => "created",
    deduplicated: (): ReconcileOutcome => "deduplicated",
    updated: (): ReconcileOutcome => "updated",
    skipped: (): ReconcileOutcome => "skipped",
  },
};
