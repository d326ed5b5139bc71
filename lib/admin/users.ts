// Who may use the tracker: an admin changes a user's role or deactivates them. Both take effect on the
// user's next request (lib/auth/user-sessions.ts reads the role and the deactivation every time);
// deactivation also ends their sessions at once. Their comments and history stay.
import { z } from "zod";
import type { Db, DbClient } from "../db";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { endAllSessions } from "../auth/user-sessions";
import { looksLikeId } from "./common";

const roleSchema = z.enum(["admin", "member"], "must be admin or member");

export interface ManagedUser {
  id: string;
  email: string;
  role: Role;
  deactivatedAt: Date | null;
}

const SELECT = { id: true, email: true, role: true, deactivatedAt: true } as const;

export async function changeUserRole(db: Db, userId: string, role: unknown): Promise<ManagedUser> {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new AppError("bad_request", `role ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.role === "admin" && parsed.data !== "admin") await assertAnotherActiveAdmin(tx, userId);
    return tx.user.update({ where: { id: userId }, data: { role: parsed.data }, select: SELECT });
  });
}

export async function deactivateUser(db: Db, userId: string): Promise<ManagedUser> {
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.deactivatedAt) return user;
    if (user.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    await endAllSessions(tx, userId);
    return tx.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() }, select: SELECT });
  });
}

export async function reactivateUser(db: Db, userId: string): Promise<ManagedUser> {
  return db.$transaction(async (tx) => {
    await lockUser(tx, userId);
    return tx.user.update({ where: { id: userId }, data: { deactivatedAt: null }, select: SELECT });
  });
}

/**
 * The user, locked for the transaction with every admin, in one order: two admins demoting each other
 * at once then run one after the other, and the second finds no other admin left.
 */
async function lockUser(tx: DbClient, userId: string): Promise<ManagedUser> {
  if (!looksLikeId(userId)) throw new AppError("not_found", "User not found");
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "user" WHERE id = ${userId} OR role = 'admin' ORDER BY id FOR UPDATE`;
  if (!locked.some((row) => row.id === userId)) throw new AppError("not_found", "User not found");
  return tx.user.findUniqueOrThrow({ where: { id: userId }, select: SELECT });
}

async function assertAnotherActiveAdmin(tx: DbClient, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", deactivatedAt: null, id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", "At least one active admin must remain");
}
