// What each lifecycle event does to the internal issue.
import type { Prisma } from "../generated/prisma/client";
import type { Priority } from "../generated/prisma/enums";
import { addSystemComment, changeIssueField } from "../issues/change-issue-field";
import { CLOSED_STATUSES } from "../issues/vocabulary";
import { escapeMarkdown, safeLink } from "../text/markdown";
import type { ApplyLifecycleInput, LifecycleOutcome } from "./lifecycle-event";

const PRIORITY_RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

export async function applyLifecycleEffects(
  tx: Prisma.TransactionClient,
  input: ApplyLifecycleInput,
): Promise<LifecycleOutcome> {
  const issue = await tx.issue.findUniqueOrThrow({
    where: { id: input.issueId },
    select: { id: true, identifier: true, status: true, priority: true, assigneeId: true },
  });
  const actor = { name: input.senderName };
  const { event } = input;
  const done: string[] = [];

  switch (event.type) {
    case "regressed":
    case "escalating": {
      const what =
        event.summary?.trim() ||
        (event.type === "regressed" ? "this error regressed after being resolved" : "this error is escalating");
      const counts = [
        event.eventCount != null && `${event.eventCount} events`,
        event.userCount != null && `${event.userCount} users affected`,
      ].filter(Boolean);
      const link = event.url ? safeLink(`View in ${input.senderName}`, event.url) : undefined;
      const body = [`**${escapeMarkdown(input.senderName)} reports ${escapeMarkdown(what)}.**`, counts.join(", "), link]
        .filter(Boolean)
        .join(" ");
      await addSystemComment(tx, issue.id, input.senderName, body);
      done.push("commented");
      if (CLOSED_STATUSES.has(issue.status)) {
        await changeIssueField(tx, issue.id, { field: "status", from: issue.status, to: "todo" }, actor, {
          reason: `${event.type} in ${input.senderName}`,
        });
        if (event.type === "regressed")
          await tx.issue.update({
            where: { id: issue.id },
            data: { regressedAt: event.occurredAt },
            select: { id: true },
          });
        done.push("reopened");
      }
      const raiseTo = input.mapping.escalationPriority;
      if (event.type === "escalating" && raiseTo && PRIORITY_RANK[raiseTo] < PRIORITY_RANK[issue.priority]) {
        await changeIssueField(tx, issue.id, { field: "priority", from: issue.priority, to: raiseTo }, actor, {
          reason: `escalating in ${input.senderName}`,
        });
        done.push(`raised to ${raiseTo}`);
      }
      break;
    }
    case "resolved": {
      const resolution = event.resolutionType ? ` (${event.resolutionType})` : "";
      await recordExternalMetadata(tx, input, {
        resolutionType: event.resolutionType ?? null,
        resolvedAt: event.occurredAt.toISOString(),
      });
      if (input.mapping.onResolve === "ignore")
        return { result: "no_op", summary: `${issue.identifier}: resolves are ignored for this mapping` };
      if (input.mapping.onResolve === "comment") {
        await addSystemComment(
          tx,
          issue.id,
          input.senderName,
          `Resolved in ${escapeMarkdown(input.senderName)}${escapeMarkdown(resolution)}.`,
        );
        done.push("commented");
      } else if (!CLOSED_STATUSES.has(issue.status)) {
        await changeIssueField(tx, issue.id, { field: "status", from: issue.status, to: "done" }, actor, {
          reason: `resolved in ${input.senderName}`,
          resolutionType: event.resolutionType ?? null,
        });
        done.push("resolved");
      }
      break;
    }
    case "assigned": {
      await recordExternalMetadata(tx, input, {
        assignee: { email: event.assigneeEmail ?? null, name: event.assigneeName ?? null },
      });
      done.push("recorded the assignee");
      const email = event.assigneeEmail?.trim().toLowerCase();
      const user = email ? await tx.user.findUnique({ where: { email }, select: { id: true, email: true } }) : null;
      if (user && issue.assigneeId !== user.id) {
        const from = issue.assigneeId
          ? ((await tx.user.findUnique({ where: { id: issue.assigneeId }, select: { email: true } }))?.email ?? null)
          : null;
        await changeIssueField(tx, issue.id, { field: "assignee", from, to: user.email, toUserId: user.id }, actor);
        done.push(`assigned to ${user.email}`);
      }
      break;
    }
  }
  return done.length > 0
    ? { result: "applied", summary: `${issue.identifier}: ${done.join(", ")}` }
    : { result: "no_op", summary: `${issue.identifier}: already in that state` };
}

async function recordExternalMetadata(
  tx: Prisma.TransactionClient,
  input: ApplyLifecycleInput,
  patch: Record<string, unknown>,
) {
  const link = await tx.externalIssue.findUnique({
    where: { source_externalId: { source: input.source, externalId: input.externalId } },
    select: { id: true, metadata: true },
  });
  if (!link) return;
  const metadata = { ...((link.metadata as Record<string, unknown> | null) ?? {}), ...patch };
  await tx.externalIssue.update({
    where: { id: link.id },
    data: { metadata: metadata as Prisma.InputJsonValue },
    select: { id: true },
  });
}
