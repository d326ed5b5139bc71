// Email + password sign-in: returns the user when the password matches (and the user is active), otherwise null.
import type { Db } from "../db";
import type { Role } from "../generated/prisma/enums";
import { verifyPassword } from "./password";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

// Compared against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = "$2b$12$LaZB5TEA.JPRxElBsS2O2ex6.EuhZeULOVjLMOdtOE6lXES7FjUWq";

export async function verifyCredentials(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, deactivatedAt: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !matches || user.deactivatedAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
