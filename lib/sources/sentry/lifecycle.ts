// Sentry issue webhooks as lifecycle events. When a state change happened: the issue's lastSeen for
// regressions, otherwise Sentry's send time (Sentry-Hook-Timestamp), otherwise our receipt time.
import type { LifecycleEvent } from "../../lifecycle/lifecycle-event";
import { isStorableDate, parseTimestamp } from "../../text/format-timestamp";
import { sentryIssueUrl } from "./build-description";
import type { SentryIssue } from "./schema";

/**
 * Sentry's send time. The header is not covered by the signature (a replayed body may carry any
 * value), so it only ever moves an event back in time: a value that is not a date in seconds, or one
 * after our receipt, counts as the receipt time.
 */
export function hookTimestamp(headers: Headers, receivedAt = new Date()): Date {
  const header = headers.get("sentry-hook-timestamp")?.trim() ?? "";
  const seconds = /^\d+(\.\d+)?$/.test(header) ? Number(header) : Number.NaN;
  const sent = new Date(seconds * 1000);
  return seconds > 0 && isStorableDate(sent) && sent <= receivedAt ? sent : receivedAt;
}

export function regressionEvent(
  type: "regressed" | "escalating",
  issue: SentryIssue,
  headers: Headers,
): LifecycleEvent {
  return {
    type,
    occurredAt: parseTimestamp(issue.lastSeen) ?? hookTimestamp(headers),
    eventCount: issue.count ?? null,
    userCount: issue.userCount ?? null,
    url: sentryIssueUrl(issue),
  };
}

export function stateEvent(
  type: "resolved" | "assigned",
  data: Record<string, unknown>,
  headers: Headers,
): LifecycleEvent {
  const occurredAt = hookTimestamp(headers);
  if (type === "resolved") {
    const resolutionType = typeof data.resolution_type === "string" ? data.resolution_type : null;
    return { type, occurredAt, resolutionType };
  }
  const assignee = (data.assignee ?? {}) as { email?: unknown; name?: unknown };
  return {
    type,
    occurredAt,
    assigneeEmail: typeof assignee.email === "string" ? assignee.email : null,
    assigneeName: typeof assignee.name === "string" ? assignee.name : null,
  };
}
