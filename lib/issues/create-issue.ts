// Creates an issue with the next gapless number of its project. Must run inside a transaction:
// the counter row lock serialises creators, and a rollback returns the number.
import type { Prisma } from "../generated/prisma/client";
import type { Priority } from "../generated/prisma/enums";

export interface CreateIssueInput {
  projectId: string;
  title: string;
  description: string;
  priority: Priority;
  labelIds: string[];
  actor: { userId?: string; name?: string };
  activityData?: Prisma.InputJsonValue;
}

export interface CreatedIssue {
  id: string;
  identifier: string;
  number: number;
}

export async function createIssue(tx: Prisma.TransactionClient, input: CreateIssueInput): Promise<CreatedIssue> {
  const [counter] = await tx.$queryRaw<{ issue_counter: number; key: string }[]>`
    UPDATE "project" SET "issue_counter" = "issue_counter" + 1
    WHERE "id" = ${input.projectId}
    RETURNING "issue_counter", "key"`;
  if (!counter) throw new Error(`project ${input.projectId} does not exist`);

  const identifier = `${counter.key}-${counter.issue_counter}`;
  return tx.issue.create({
    data: {
      projectId: input.projectId,
      number: counter.issue_counter,
      identifier,
      title: input.title,
      description: input.description,
      priority: input.priority,
      labels: { create: input.labelIds.map((labelId) => ({ labelId })) },
      activities: {
        create: {
          action: "created",
          actorId: input.actor.userId,
          actorName: input.actor.name,
          data: input.activityData,
        },
      },
    },
    select: { id: true, identifier: true, number: true },
  });
}
