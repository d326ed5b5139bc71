// Sentry issue webhooks as lifecycle events. When a state change happened: the issue's lastSeen for
// regressions, otherwise Sentry's send time (Sentry-Hook-Timestamp), otherwise our receipt time.
import type { LifecycleEvent } from "../../ingest/lifecycle-event";
import { parseTimestamp } from "../../text/format-timestamp";
import type { SentryIssue } from "./schema";
import { sentryIssueUrl } from "./build-description";

export function hookTimestamp(headers: Headers): Date {
  const seconds = Number(headers.get("sentry-hook-timestamp"));
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

export function regressionEvent(type: "regressed" | "escalating", issue: SentryIssue, headers: Headers): LifecycleEvent {
  return {
    type,
    occurredAt: parseTimestamp(issue.lastSeen) ?? hookTimestamp(headers),
    eventCount: issue.count ?? null,
    userCount: issue.userCount ?? null,
    url: sentryIssueUrl(issue),
  };
}

export function stateEvent(type: "resolved" | "assigned", data: Record<string, unknown>, headers: Headers): LifecycleEvent {
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
