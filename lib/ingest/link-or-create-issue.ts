// Dedup: one internal issue per (source, external id). The database enforces it with
// UNIQUE(source, external_id); a per-key advisory lock makes concurrent deliveries of the same
// item wait for the first instead of racing to a unique violation (still handled as a backstop).
import type { Db, DbClient } from "../db";
import { isUniqueViolation } from "../errors";
import { createIssue } from "../issues/create-issue";
import { ensureLabels } from "../issues/ensure-labels";
import { stripNulDeep } from "../text/strip-nul";
import { resolveProjectId } from "./resolve-project";
import type { LinkedIssueRef, NormalizedIssue } from "./types";

export interface LinkOrCreateResult {
  issue: LinkedIssueRef;
  created: boolean;
}

export async function findLinkedIssue(db: DbClient, source: string, externalId: string): Promise<LinkedIssueRef | null> {
  const link = await db.externalIssue.findUnique({
    where: { source_externalId: { source, externalId } },
    select: { issue: { select: { id: true, identifier: true } } },
  });
  return link?.issue ?? null;
}

export async function linkOrCreateIssue(db: Db, input: NormalizedIssue, actorName: string): Promise<LinkOrCreateResult> {
  const normalized = stripNulDeep(input);
  const existing = await findLinkedIssue(db, normalized.source, normalized.externalId);
  if (existing) return { issue: existing, created: false };

  const [projectId, labelIds] = await Promise.all([
    resolveProjectId(db, normalized.source, normalized.externalProject),
    ensureLabels(db, normalized.labels),
  ]);

  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`${normalized.source}:${normalized.externalId}`}))`;
      const winner = await findLinkedIssue(tx, normalized.source, normalized.externalId);
      if (winner) return { issue: winner, created: false };

      const issue = await createIssue(tx, {
        projectId,
        title: normalized.title,
        description: normalized.description,
        priority: normalized.priority,
        labelIds,
        actor: { name: actorName },
        activityData: { source: normalized.source, externalId: normalized.externalId },
      });
      await tx.externalIssue.create({
        data: {
          issueId: issue.id,
          source: normalized.source,
          externalId: normalized.externalId,
          externalUrl: normalized.externalUrl,
          metadata: normalized.metadata as object,
        },
        select: { id: true },
      });
      return { issue: { id: issue.id, identifier: issue.identifier }, created: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findLinkedIssue(db, normalized.source, normalized.externalId);
    if (!winner) throw error;
    return { issue: winner, created: false };
  }
}
