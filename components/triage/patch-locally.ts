// What a patch does to an issue as the browser shows it, for optimistic updates before the server answers.
import type { IssuePatchInput } from "@/lib/issues/issue-fields";
import type { TriageIssue } from "./triage-context";

export function patchLocally<T extends TriageIssue>(issue: T, patch: IssuePatchInput): T {
  const removed = new Set(patch.removeLabelIds ?? []);
  const labelIds = [
    ...issue.labelIds.filter((id) => !removed.has(id)),
    ...(patch.addLabelIds ?? []).filter((id) => !issue.labelIds.includes(id)),
  ];
  return {
    ...issue,
    status: patch.status ?? issue.status,
    priority: patch.priority ?? issue.priority,
    assigneeId: patch.assigneeId === undefined ? issue.assigneeId : patch.assigneeId,
    title: patch.title ?? issue.title,
    labelIds,
  };
}
