// Changes one field of an issue and records who changed it, from what to what, and why: the activity
// entry, the outbox event (issue-events.ts) and, for a status change, the Jira follow-up, all in the
// caller's transaction. Every change to an issue, by a person, a webhook or Jira, goes through here.
import type { Prisma } from "../generated/prisma/client";
import type { IssueStatus, Priority } from "../generated/prisma/enums";
import { enqueueJiraSyncIfLinked } from "../jira-sync/enqueue-jira-sync";
import { recordIssueEvent } from "./issue-events";

export interface Actor {
  userId?: string;
  name?: string;
  /** The change came from the linked Jira ticket: do not send it back there. */
  fromJira?: boolean;
}

export type FieldChange =
  | { field: "status"; from: IssueStatus; to: IssueStatus }
  | { field: "priority"; from: Priority; to: Priority }
  | { field: "assignee"; from: string | null; to: string | null; toUserId: string | null }
  | { field: "title"; from: string; to: string }
  | { field: "description"; from: string; to: string }
  | { field: "labels"; added: { id: string; name: string }[]; removed: { id: string; name: string }[] };

/** What the outbox and activity say the field became. */
function newValue(change: FieldChange): Prisma.InputJsonValue | null {
  switch (change.field) {
    case "assignee":
      return change.toUserId;
    case "labels":
      return { added: change.added.map((label) => label.name), removed: change.removed.map((label) => label.name) };
    default:
      return change.to;
  }
}

async function applyChange(tx: Prisma.TransactionClient, issueId: string, change: FieldChange): Promise<void> {
  if (change.field === "labels") {
    if (change.removed.length > 0) {
      await tx.issueLabel.deleteMany({ where: { issueId, labelId: { in: change.removed.map((label) => label.id) } } });
    }
    if (change.added.length > 0) {
      await tx.issueLabel.createMany({
        data: change.added.map((label) => ({ issueId, labelId: label.id })),
        skipDuplicates: true,
      });
    }
    // Labels live in their own table; the issue still counts as updated.
    await tx.issue.update({ where: { id: issueId }, data: { updatedAt: new Date() }, select: { id: true } });
    return;
  }
  // Only the changed column is written, so two people changing different fields never undo each other.
  const update: Prisma.IssueUncheckedUpdateInput =
    change.field === "status"
      ? { status: change.to }
      : change.field === "priority"
        ? { priority: change.to }
        : change.field === "assignee"
          ? { assigneeId: change.toUserId }
          : change.field === "title"
            ? { title: change.to }
            : { description: change.to };
  await tx.issue.update({ where: { id: issueId }, data: update, select: { id: true } });
}

/** Long texts are not copied into the activity log: it says that they changed, and the issue holds the text. */
const activityValue = (change: FieldChange, side: "from" | "to"): string | null => {
  if (change.field === "labels" || change.field === "description") return null;
  return change[side];
};

export async function changeIssueField(
  tx: Prisma.TransactionClient,
  issueId: string,
  change: FieldChange,
  actor: Actor,
  data?: Prisma.InputJsonObject,
): Promise<void> {
  await applyChange(tx, issueId, change);
  const labelData = change.field === "labels" ? (newValue(change) as Prisma.InputJsonObject) : undefined;
  await tx.activity.create({
    data: {
      issueId,
      actorId: actor.userId,
      actorName: actor.name,
      action: `${change.field}_changed`,
      field: change.field,
      fromValue: activityValue(change, "from"),
      toValue: activityValue(change, "to"),
      data: labelData || data ? { ...labelData, ...data } : undefined,
    },
  });
  await recordIssueEvent(tx, issueId, "updated", actor.userId, { field: change.field, value: newValue(change) });
  if (change.field === "status" && !actor.fromJira) await enqueueJiraSyncIfLinked(tx, issueId);
}

/** A comment by a system actor (e.g. "Sentry"), logged like any other comment. */
export async function addSystemComment(
  tx: Prisma.TransactionClient,
  issueId: string,
  actorName: string,
  body: string,
): Promise<void> {
  const comment = await tx.comment.create({ data: { issueId, actorName, body }, select: { id: true } });
  await tx.activity.create({ data: { issueId, actorName, action: "commented", data: { commentId: comment.id } } });
  await recordIssueEvent(tx, issueId, "commented", null, { commentId: comment.id });
}
