// A person's edit of one issue: each field that really changes goes through changeIssueField (one
// activity entry and one outbox event per field), inside one transaction that holds the issue's row.
import type { Db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { storableText } from "../text/storable";
import { parseInput } from "../validation";
import { changeIssueField, type FieldChange } from "./change-issue-field";
import { assertEditorExists, type Editor } from "./editor";
import { type IssuePatch, type IssuePatchInput, issuePatchSchema } from "./issue-fields";

/** The issue's editable fields after the change, for the browser to settle its optimistic state. */
export const editableIssueSelect = {
  id: true,
  identifier: true,
  title: true,
  description: true,
  status: true,
  priority: true,
  updatedAt: true,
  assignee: { select: { id: true, name: true, email: true } },
  labels: { select: { label: { select: { id: true, name: true, color: true } } }, orderBy: { label: { name: "asc" } } },
} as const satisfies Prisma.IssueSelect;

export type EditableIssue = Prisma.IssueGetPayload<{ select: typeof editableIssueSelect }>;

/** The changes `patch` makes to the issue as it is now; fields already at the wanted value are skipped. */
async function plannedChanges(
  tx: Prisma.TransactionClient,
  issueId: string,
  patch: IssuePatch,
): Promise<FieldChange[]> {
  const current = await tx.issue.findUniqueOrThrow({
    where: { id: issueId },
    select: {
      status: true,
      priority: true,
      title: true,
      description: true,
      assignee: { select: { id: true, email: true } },
      labels: { select: { labelId: true } },
    },
  });
  const changes: FieldChange[] = [];
  if (patch.status !== undefined && patch.status !== current.status)
    changes.push({ field: "status", from: current.status, to: patch.status });
  if (patch.priority !== undefined && patch.priority !== current.priority)
    changes.push({ field: "priority", from: current.priority, to: patch.priority });
  if (patch.title !== undefined && patch.title !== current.title)
    changes.push({ field: "title", from: current.title, to: patch.title });
  if (patch.description !== undefined && patch.description !== current.description) {
    changes.push({ field: "description", from: current.description, to: patch.description });
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== (current.assignee?.id ?? null)) {
    const assignee = patch.assigneeId
      ? await tx.user.findUnique({ where: { id: patch.assigneeId }, select: { id: true, email: true } })
      : null;
    if (patch.assigneeId && !assignee) throw new AppError("not_found", "That person no longer exists");
    changes.push({
      field: "assignee",
      from: current.assignee?.email ?? null,
      to: assignee?.email ?? null,
      toUserId: assignee?.id ?? null,
    });
  }
  const labelChange = await plannedLabelChange(tx, new Set(current.labels.map((link) => link.labelId)), patch);
  if (labelChange) changes.push(labelChange);
  return changes;
}

async function plannedLabelChange(
  tx: Prisma.TransactionClient,
  present: Set<string>,
  patch: IssuePatch,
): Promise<FieldChange | null> {
  const wanted = [...new Set([...(patch.addLabelIds ?? []), ...(patch.removeLabelIds ?? [])])];
  if (wanted.length === 0) return null;
  const labels = await tx.label.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  if (labels.length !== wanted.length) throw new AppError("not_found", "That label no longer exists");
  const byId = new Map(labels.map((label) => [label.id, label]));
  const removing = new Set(patch.removeLabelIds ?? []);
  const added = (patch.addLabelIds ?? [])
    .filter((id) => !present.has(id) && !removing.has(id))
    .map((id) => byId.get(id)!);
  const removed = [...removing].filter((id) => present.has(id)).map((id) => byId.get(id)!);
  return added.length + removed.length > 0 ? { field: "labels", added, removed } : null;
}

/** Applies `patch` to the issue with id `issueId` inside `tx`; returns how many fields changed. */
export async function applyIssuePatch(
  tx: Prisma.TransactionClient,
  issueId: string,
  patch: IssuePatch,
  editor: Editor,
): Promise<number> {
  // Holds the row until commit, so a concurrent edit of the same field reads what this one wrote.
  await tx.$queryRaw`SELECT id FROM issue WHERE id = ${issueId} FOR UPDATE`;
  const changes = await plannedChanges(tx, issueId, patch);
  for (const change of changes) await changeIssueField(tx, issueId, change, { userId: editor.userId });
  return changes.length;
}

export async function updateIssue(
  db: Db,
  identifier: string,
  input: IssuePatchInput,
  editor: Editor,
): Promise<EditableIssue> {
  const patch = parseInput(issuePatchSchema, input);
  return db.$transaction(async (tx) => {
    await assertEditorExists(tx, editor);
    const issue = await tx.issue.findUnique({ where: { identifier: storableText(identifier) }, select: { id: true } });
    if (!issue) throw new AppError("not_found", "This issue no longer exists");
    await applyIssuePatch(tx, issue.id, patch, editor);
    return tx.issue.findUniqueOrThrow({ where: { id: issue.id }, select: editableIssueSelect });
  });
}
