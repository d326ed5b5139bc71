// A list row as an optimistic patch leaves it, with people and labels looked up in the picker options.

import { patchLocally } from "@/components/triage/patch-locally";
import type { TriageIssue } from "@/components/triage/triage-context";
import type { IssuePatchInput } from "@/lib/issues/issue-fields";
import type { IssueListRow } from "@/lib/issues/list-issues";
import type { PickOptions } from "@/lib/issues/pick-options";

export function toTriageIssue(row: IssueListRow): TriageIssue {
  return {
    id: row.id,
    identifier: row.identifier,
    title: row.title,
    status: row.status,
    priority: row.priority,
    assigneeId: row.assignee?.id ?? null,
    labelIds: row.labels.map((label) => label.id),
  };
}

export function patchRow(row: IssueListRow, patch: IssuePatchInput, options: PickOptions): IssueListRow {
  const next = patchLocally(toTriageIssue(row), patch);
  const assignee =
    next.assigneeId === (row.assignee?.id ?? null)
      ? row.assignee
      : (options.users.find((user) => user.id === next.assigneeId) ?? null);
  const labels = next.labelIds
    .map((id) => row.labels.find((label) => label.id === id) ?? options.labels.find((label) => label.id === id))
    .filter((label) => label !== undefined);
  return { ...row, status: next.status, priority: next.priority, assignee, labels };
}
