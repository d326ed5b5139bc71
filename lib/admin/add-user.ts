// Adding a user: a member or admin, either with an initial password the admin passes on, or with an
// invite link that expires (INVITE_TTL_HOURS) and works once; only its sha256 is stored, so the link
// is shown once, to the admin who made it. The same schemas serve the console's forms.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "../auth/password";
import type { Db, DbClient } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { parseInput } from "../validation";
import { recordAdminChange } from "./audit-log";
import { looksLikeId } from "./common";
import { acceptInviteSchema, addUserSchema } from "./user-schemas";
import type { Actor } from "./users";

export const INVITE_TTL_HOURS = 72;

export interface AddedUser {
  id: string;
  email: string;
  /** With access "invite": the token of the link (shown once), and when it expires. */
  invite?: { token: string; expiresAt: Date };
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function addUser(db: Db, input: unknown, actor: Actor): Promise<AddedUser> {
  const parsed = parseInput(addUserSchema, input);
  const passwordHash = parsed.access === "password" ? await hashPassword(parsed.password) : null;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: parsed.email, name: parsed.name, role: parsed.role, passwordHash },
        select: { id: true, email: true },
      });
      const invite = parsed.access === "invite" ? await createInvite(tx, user.id, actor) : undefined;
      await recordAdminChange(tx, {
        actorId: actor.userId,
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        targetName: user.email,
        details: { role: parsed.role, access: parsed.access },
      });
      return { ...user, invite };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "A user with this email already exists");
    throw error;
  }
}

/** A new invite link for a user who has not set a password yet; earlier unused links stop working. */
export async function reinviteUser(db: Db, userId: string, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  if (!looksLikeId(userId)) throw new AppError("not_found", "User not found");
  return db.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<
      { id: string; email: string; password_hash: string | null; deactivated_at: Date | null }[]
    >`
      SELECT id, email, password_hash, deactivated_at FROM "user" WHERE id = ${userId} FOR UPDATE`;
    if (!user) throw new AppError("not_found", "User not found");
    if (user.password_hash) throw new AppError("conflict", "This user has already set a password");
    if (user.deactivated_at) throw new AppError("conflict", "Reactivate this user before inviting them");
    await tx.userInvite.deleteMany({ where: { userId, usedAt: null } });
    const invite = await createInvite(tx, userId, actor);
    await recordAdminChange(tx, {
      actorId: actor.userId,
      action: "user.invited",
      targetType: "user",
      targetId: userId,
      targetName: user.email,
      details: { expiresAt: invite.expiresAt.toISOString() },
    });
    return invite;
  });
}

async function createInvite(tx: DbClient, userId: string, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_HOURS * 3600_000);
  await tx.userInvite.create({ data: { userId, tokenHash: hashToken(token), expiresAt, createdById: actor.userId } });
  return { token, expiresAt };
}

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The invite a link names, while it can still be used; null otherwise (unknown, used, expired, deactivated). */
export async function findUsableInvite(
  db: DbClient,
  token: string,
): Promise<{ email: string; expiresAt: Date } | null> {
  if (!tokenSchema.safeParse(token).success) return null;
  const invite = await db.userInvite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true, deactivatedAt: true } } },
  });
  if (!invite || invite.usedAt || invite.expiresAt <= new Date() || invite.user.deactivatedAt) return null;
  return { email: invite.user.email, expiresAt: invite.expiresAt };
}

/** Sets the invited user's password and uses the link up; a second use, or a used-up link, is refused. */
export async function acceptInvite(db: Db, input: unknown): Promise<{ email: string }> {
  const { token, password } = parseInput(acceptInviteSchema, input);
  const refused = new AppError(
    "bad_request",
    "This invite link is not valid any more (used, expired or replaced); ask an admin for a new one",
  );
  if (!tokenSchema.safeParse(token).success) throw refused;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // Locks the invite: two submissions of one link take turns, and the second finds it used.
    const [invite] = await tx.$queryRaw<{ id: string; user_id: string }[]>`
      SELECT id, user_id FROM user_invite WHERE token_hash = ${hashToken(token)} AND used_at IS NULL AND expires_at > now() FOR UPDATE`;
    if (!invite) throw refused;
    const user = await tx.user.findUniqueOrThrow({
      where: { id: invite.user_id },
      select: { email: true, deactivatedAt: true },
    });
    if (user.deactivatedAt) throw refused;
    await tx.userInvite.update({ where: { id: invite.id }, data: { usedAt: new Date() } });
    await tx.user.update({ where: { id: invite.user_id }, data: { passwordHash } });
    return { email: user.email };
  });
}
