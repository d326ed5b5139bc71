// Who may use the tracker: an admin changes a user's role or deactivates them. Both take effect on the
// user's next request (lib/auth/user-sessions.ts reads the role and the deactivation every time);
// deactivation also ends their sessions at once. Their comments and history stay. Each change records
// its audit entry in its own transaction; `actor` is the admin (null for scripts and tests).

import { endAllSessions } from "../auth/user-sessions";
import type { Db, DbClient } from "../db";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { recordAdminChange } from "./audit-log";
import { looksLikeId } from "./common";
import { roleSchema } from "./user-schemas";

export interface ManagedUser {
  id: string;
  email: string;
  role: Role;
  deactivatedAt: Date | null;
}

export interface Actor {
  userId: string | null;
}

const SELECT = { id: true, email: true, role: true, deactivatedAt: true } as const;
const NO_ACTOR: Actor = { userId: null };

const audit = (tx: DbClient, actor: Actor, action: string, user: ManagedUser, details?: Record<string, unknown>) =>
  recordAdminChange(tx, {
    actorId: actor.userId,
    action,
    targetType: "user",
    targetId: user.id,
    targetName: user.email,
    details,
  });

export async function changeUserRole(
  db: Db,
  userId: string,
  role: unknown,
  actor: Actor = NO_ACTOR,
): Promise<ManagedUser> {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new AppError("bad_request", `role ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.role === parsed.data) return user;
    if (user.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    const changed = await tx.user.update({ where: { id: userId }, data: { role: parsed.data }, select: SELECT });
    await audit(tx, actor, "user.role_changed", changed, { role: parsed.data, previous: user.role });
    return changed;
  });
}

export async function deactivateUser(db: Db, userId: string, actor: Actor = NO_ACTOR): Promise<ManagedUser> {
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.deactivatedAt) return user;
    if (user.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    await endAllSessions(tx, userId);
    const changed = await tx.user.update({
      where: { id: userId },
      data: { deactivatedAt: new Date() },
      select: SELECT,
    });
    await audit(tx, actor, "user.deactivated", changed);
    return changed;
  });
}

export async function reactivateUser(db: Db, userId: string, actor: Actor = NO_ACTOR): Promise<ManagedUser> {
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user.deactivatedAt) return user;
    const changed = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null }, select: SELECT });
    await audit(tx, actor, "user.reactivated", changed);
    return changed;
  });
}

export interface UserListEntry extends ManagedUser {
  name: string | null;
  createdAt: Date;
  /** Invited and not yet accepted: no password set yet. */
  pendingInvite: { expiresAt: Date } | null;
  hasPassword: boolean;
}

export async function listUsers(db: DbClient): Promise<UserListEntry[]> {
  const users = await db.user.findMany({
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { email: "asc" }],
    select: {
      ...SELECT,
      name: true,
      createdAt: true,
      passwordHash: true,
      invites: { where: { usedAt: null }, orderBy: { expiresAt: "desc" }, take: 1, select: { expiresAt: true } },
    },
  });
  return users.map(({ passwordHash, invites, ...user }) => ({
    ...user,
    hasPassword: passwordHash !== null,
    pendingInvite: invites[0] ?? null,
  }));
}

/**
 * The user, locked for the transaction with every admin, in one order: two admins demoting each other
 * at once then run one after the other, and the second finds no other admin left.
 */
async function lockUser(tx: DbClient, userId: string): Promise<ManagedUser> {
  if (!looksLikeId(userId)) throw new AppError("not_found", "User not found");
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "user" WHERE id = ${userId} OR role = 'admin' ORDER BY id FOR UPDATE`;
  if (!locked.some((row) => row.id === userId)) throw new AppError("not_found", "User not found");
  return tx.user.findUniqueOrThrow({ where: { id: userId }, select: SELECT });
}

async function assertAnotherActiveAdmin(tx: DbClient, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", deactivatedAt: null, id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", "At least one active admin must remain");
}
