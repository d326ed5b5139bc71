// Changes one field of an issue and records who changed it, from what to what, and why.
import type { Prisma } from "../generated/prisma/client";
import type { IssueStatus, Priority } from "../generated/prisma/enums";
import { enqueueJiraSyncIfLinked } from "../jira-sync/enqueue-jira-sync";

export interface Actor {
  userId?: string;
  name?: string;
  /** The change came from the linked Jira ticket: do not send it back there. */
  fromJira?: boolean;
}

type FieldChange =
  | { field: "status"; from: IssueStatus; to: IssueStatus }
  | { field: "priority"; from: Priority; to: Priority }
  | { field: "assignee"; from: string | null; to: string | null; toUserId: string | null };

export async function changeIssueField(
  tx: Prisma.TransactionClient,
  issueId: string,
  change: FieldChange,
  actor: Actor,
  data?: Prisma.InputJsonValue,
): Promise<void> {
  const update: Prisma.IssueUncheckedUpdateInput =
    change.field === "status"
      ? { status: change.to }
      : change.field === "priority"
        ? { priority: change.to }
        : { assigneeId: change.toUserId };
  await tx.issue.update({ where: { id: issueId }, data: update, select: { id: true } });
  await tx.activity.create({
    data: {
      issueId,
      actorId: actor.userId,
      actorName: actor.name,
      action: `${change.field}_changed`,
      field: change.field,
      fromValue: change.from,
      toValue: change.to,
      data,
    },
  });
  if (change.field === "status" && !actor.fromJira) await enqueueJiraSyncIfLinked(tx, issueId);
}

/** A comment by a system actor (e.g. "Sentry"), logged like any other comment. */
export async function addSystemComment(tx: Prisma.TransactionClient, issueId: string, actorName: string, body: string): Promise<void> {
  const comment = await tx.comment.create({ data: { issueId, actorName, body }, select: { id: true } });
  await tx.activity.create({ data: { issueId, actorName, action: "commented", data: { commentId: comment.id } } });
}
