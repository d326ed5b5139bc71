// Dedup: one internal issue per (source, external id). The database enforces it with
// UNIQUE(source, external_id); a per-item advisory lock makes concurrent deliveries of the same
// item wait for the first instead of racing to a unique violation (still handled as a backstop).
import type { Db, DbClient } from "../db";
import { isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createIssue } from "../issues/create-issue";
import { ensureLabels } from "../issues/ensure-labels";
import { lockExternalItem } from "../lifecycle/lock-external-item";
import type { LinkedIssueRef, NormalizedIssue } from "./types";

export interface LinkOrCreateResult {
  issue: LinkedIssueRef;
  created: boolean;
}

export interface LinkOrCreateOptions {
  projectId: string;
  actorName: string;
  /** Runs inside the creating transaction (e.g. to enqueue follow-up jobs atomically). */
  onCreated?: (tx: Prisma.TransactionClient, issue: LinkedIssueRef) => Promise<void>;
}

export async function findLinkedIssue(db: DbClient, source: string, externalId: string): Promise<LinkedIssueRef | null> {
  const link = await db.externalIssue.findUnique({
    where: { source_externalId: { source, externalId } },
    select: { issue: { select: { id: true, identifier: true } } },
  });
  return link?.issue ?? null;
}

export async function linkOrCreateIssue(db: Db, normalized: NormalizedIssue, options: LinkOrCreateOptions): Promise<LinkOrCreateResult> {
  const labelIds = await ensureLabels(db, normalized.labels);
  try {
    return await db.$transaction(async (tx) => {
      await lockExternalItem(tx, normalized.source, normalized.externalId);
      const winner = await findLinkedIssue(tx, normalized.source, normalized.externalId);
      if (winner) return { issue: winner, created: false };

      const created = await createIssue(tx, {
        projectId: options.projectId,
        title: normalized.title,
        description: normalized.description,
        priority: normalized.priority,
        labelIds,
        actor: { name: options.actorName },
        activityData: { source: normalized.source, externalId: normalized.externalId },
      });
      await tx.externalIssue.create({
        data: {
          issueId: created.id,
          source: normalized.source,
          externalId: normalized.externalId,
          externalUrl: normalized.externalUrl,
          metadata: normalized.metadata as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
      const issue = { id: created.id, identifier: created.identifier };
      await options.onCreated?.(tx, issue);
      return { issue, created: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findLinkedIssue(db, normalized.source, normalized.externalId);
    if (!winner) throw error;
    return { issue: winner, created: false };
  }
}
