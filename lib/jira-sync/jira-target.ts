// Where and how a source mapping opens Jira tickets, read from the mapping's Jira columns.
import type { Priority } from "../generated/prisma/enums";

/** Where and how this mapping opens Jira tickets (null: it does not). */
export interface JiraTarget {
  connectionId: string;
  projectKey: string;
  issueType: string;
  labels: string[];
  components: string[];
  priorities: Partial<Record<Priority, string>>;
  ticketsPerHour: number;
}

/** A mapping row's Jira target, or null when it opens no tickets. */
export function jiraTargetOf(mapping: {
  jiraConnectionId: string | null;
  jiraProjectKey: string | null;
  jiraIssueType: string;
  jiraLabels: string[];
  jiraComponents: string[];
  jiraPriorities: unknown;
  jiraTicketsPerHour: number;
}): JiraTarget | null {
  if (!mapping.jiraConnectionId || !mapping.jiraProjectKey) return null;
  return {
    connectionId: mapping.jiraConnectionId,
    projectKey: mapping.jiraProjectKey,
    issueType: mapping.jiraIssueType,
    labels: mapping.jiraLabels,
    components: mapping.jiraComponents,
    priorities: (mapping.jiraPriorities ?? {}) as Partial<Record<Priority, string>>,
    ticketsPerHour: mapping.jiraTicketsPerHour,
  };
}
