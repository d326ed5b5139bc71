// One activity row as a short sentence ("changed status from Todo to Done"), without the actor.
import { PRIORITY_LABEL, STATUS_LABEL, sourceName } from "./vocabulary";

const JOB_LABEL: Record<string, string> = {
  "github.correlate": "GitHub correlation",
  "sentry.reconcile": "Sentry reconciliation",
  "jira.sync": "the Jira ticket sync",
  "issues.bulk": "a bulk change",
};

export interface ActivityFacts {
  action: string;
  field: string | null;
  fromValue: string | null;
  toValue: string | null;
  data: unknown;
}

function display(field: string | null, value: string | null): string {
  if (value === null || value === "") return "none";
  if (field === "status") return STATUS_LABEL[value as keyof typeof STATUS_LABEL] ?? value;
  if (field === "priority") return PRIORITY_LABEL[value as keyof typeof PRIORITY_LABEL] ?? value;
  return value;
}

function dataSource(data: unknown): string | undefined {
  const source = (data as { source?: unknown } | null)?.source;
  return typeof source === "string" ? sourceName(source) : undefined;
}

export function describeActivity(activity: ActivityFacts): string {
  const { action, field, fromValue, toValue } = activity;
  switch (action) {
    case "created":
      return "created the issue";
    case "commented":
      return "commented";
    case "correlated": {
      const suspects = (activity.data as { suspects?: unknown[] } | null)?.suspects?.length ?? 0;
      return suspects > 0 ? `found ${suspects} suspect commit${suspects === 1 ? "" : "s"}` : "found no suspect commits";
    }
    case "job_failed": {
      const { queue, reason } = (activity.data ?? {}) as { queue?: string; reason?: string };
      return `could not finish ${JOB_LABEL[queue ?? ""] ?? queue ?? "a background job"}: ${reason ?? "unknown error"}`;
    }
    case "jira_ticket_created": {
      const { key, recovered } = (activity.data ?? {}) as { key?: string; recovered?: boolean };
      return recovered ? `found Jira ticket ${key} by its label and linked it` : `opened Jira ticket ${key}`;
    }
    case "jira_ticket_transitioned": {
      const { key } = (activity.data ?? {}) as { key?: string };
      return `moved Jira ticket ${key} to ${toValue ?? "another status"}`;
    }
    case "jira_ticket_failed":
      return `could not open a Jira ticket: ${(activity.data as { message?: string } | null)?.message ?? "unknown error"}`;
    case "jira_ticket_moved": {
      const { key, from } = (activity.data ?? {}) as { key?: string; from?: string };
      return `followed Jira ticket ${from ?? "?"} to ${key ?? "its new key"} (moved in Jira)`;
    }
    case "jira_left_closed":
    case "jira_ticket_missing":
    case "jira_sync_failed":
      return (activity.data as { message?: string } | null)?.message ?? action.replaceAll("_", " ");
    case "job_retried":
      return "retried the failed job";
    case "external_linked":
      return `linked ${dataSource(activity.data) ?? "an external issue"}`;
    case "title_changed":
      return `renamed the issue from “${fromValue ?? ""}” to “${toValue ?? ""}”`;
    case "description_changed":
      return "edited the description";
    case "labels_changed": {
      const { added = [], removed = [] } = (activity.data ?? {}) as { added?: string[]; removed?: string[] };
      const parts = [
        added.length > 0 && `added ${added.length === 1 ? "label" : "labels"} ${added.join(", ")}`,
        removed.length > 0 && `removed ${removed.length === 1 ? "label" : "labels"} ${removed.join(", ")}`,
      ].filter(Boolean);
      return parts.length > 0 ? parts.join(" and ") : "changed the labels";
    }
    case "status_changed":
    case "priority_changed":
    case "assignee_changed": {
      const name = field ?? action.replace("_changed", "");
      return `changed ${name} from ${display(name, fromValue)} to ${display(name, toValue)}`;
    }
    default:
      return action.replaceAll("_", " ");
  }
}
