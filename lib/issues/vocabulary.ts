// Human names for the enum values and sources, shared by the list, the detail page and the activity log.
import type { IssueStatus, Priority } from "../generated/prisma/enums";

export const STATUS_ORDER: readonly IssueStatus[] = ["triage", "backlog", "todo", "in_progress", "done", "canceled"];
/** Statuses that count as closed: Jira's done category, and what a regression reopens. */
export const CLOSED_STATUSES: ReadonlySet<IssueStatus> = new Set<IssueStatus>(["done", "canceled"]);
export const PRIORITY_ORDER: readonly Priority[] = ["P1", "P2", "P3", "P4"];

export const STATUS_LABEL: Record<IssueStatus, string> = {
  triage: "Triage",
  backlog: "Backlog",
  todo: "Todo",
  in_progress: "In progress",
  done: "Done",
  canceled: "Canceled",
};

export const PRIORITY_LABEL: Record<Priority, string> = {
  P1: "Urgent",
  P2: "High",
  P3: "Medium",
  P4: "Low",
};

const SOURCE_NAME: Record<string, string> = { sentry: "Sentry", glitchtip: "GlitchTip", generic: "API" };

export function sourceName(source: string): string {
  return SOURCE_NAME[source] ?? source.charAt(0).toUpperCase() + source.slice(1);
}

/** The built-in views of the issue list (lib/issues/issue-query.ts defines what each shows). */
export const VIEW_NAMES = {
  all: "All issues",
  my: "My issues",
  triage: "Triage",
  active: "Active",
  regressed: "Regressed",
} as const;
