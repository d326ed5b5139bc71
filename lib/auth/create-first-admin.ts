// The first admin: from ADMIN_EMAIL/ADMIN_PASSWORD at start-up, or from the first-run /setup form.
// Only ever succeeds while the user table is empty.
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { formatZodError } from "../validation";
import { hashPassword } from "./password";

export const firstAdminSchema = z.object({
  name: z.string().trim().max(100).optional(),
  email: z.email("Enter a valid email address").transform((email) => email.trim().toLowerCase()),
  password: z.string().min(8, "Password must be at least 8 characters").max(200),
});

export type FirstAdminInput = z.input<typeof firstAdminSchema>;

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}

/** Creates the first admin; returns false when a user already exists. */
export async function createFirstAdmin(db: Db, input: FirstAdminInput): Promise<boolean> {
  const parsed = firstAdminSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", formatZodError(parsed.error));
  const passwordHash = await hashPassword(parsed.data.password);
  return db.$transaction(async (tx) => {
    // Serialise concurrent first-run attempts so exactly one admin is created.
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext('create-first-admin'))`;
    if (await tx.user.findFirst({ select: { id: true } })) return false;
    await tx.user.create({
      data: { email: parsed.data.email, name: parsed.data.name || null, passwordHash, role: "admin" },
    });
    return true;
  });
}
