// The admin audit log: every change made through the admin console or the admin API is recorded here
// (who, what, when), in the same transaction as the change, so a change and its entry exist together
// or not at all. Secrets never appear: a secret field is recorded only as "replaced" or "cleared".

import type { DbClient } from "../db";
import type { Prisma } from "../generated/prisma/client";

export interface AdminChange {
  /** The signed-in admin who made it; null for start-up bootstrap or a deleted user. */
  actorId: string | null;
  /** `<subject>.<verb>`, e.g. "mapping.created", "user.role_changed", "delivery.replayed". */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** A short name a reader recognises (a mapping's "sentry/web → WEB", a user's email). */
  targetName?: string | null;
  /** The changed fields with their new values; pass secrets through `secretChange`. */
  details?: Record<string, unknown>;
}

/** How a write-only secret field's change is recorded: never its value. */
export function secretChange(value: string | null | undefined): "replaced" | "cleared" | undefined {
  if (value === undefined) return undefined;
  return value === null ? "cleared" : "replaced";
}

export async function recordAdminChange(db: DbClient, change: AdminChange): Promise<void> {
  const details = Object.fromEntries(Object.entries(change.details ?? {}).filter(([, value]) => value !== undefined));
  await db.adminAuditEntry.create({
    data: {
      actorId: change.actorId,
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId ?? null,
      targetName: change.targetName ?? null,
      details: details as Prisma.InputJsonObject,
    },
  });
}

export interface AuditEntryView {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  details: Record<string, unknown>;
  actor: { id: string; email: string; name: string | null } | null;
  createdAt: Date;
}

/** The newest entries first, keyset-paginated by `before` (an entry's createdAt and id). */
export async function listAdminChanges(
  db: DbClient,
  options: { limit?: number; before?: { createdAt: Date; id: string }; targetType?: string; targetId?: string } = {},
): Promise<AuditEntryView[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await db.adminAuditEntry.findMany({
    where: {
      ...(options.targetType ? { targetType: options.targetType } : {}),
      ...(options.targetId ? { targetId: options.targetId } : {}),
      ...(options.before
        ? {
            OR: [
              { createdAt: { lt: options.before.createdAt } },
              { createdAt: options.before.createdAt, id: { lt: options.before.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      targetName: true,
      details: true,
      createdAt: true,
      actor: { select: { id: true, email: true, name: true } },
    },
  });
  return rows.map((row) => ({ ...row, details: (row.details ?? {}) as Record<string, unknown> }));
}
