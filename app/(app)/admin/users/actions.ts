"use server";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/auth";
import { type AddedUser, addUser, reinviteUser } from "@/lib/admin/add-user";
import { changeUserRole, deactivateUser, type ManagedUser, reactivateUser } from "@/lib/admin/users";
import { getDb } from "@/lib/db";
// Server actions of the users console: add (password or invite), change role, (de)activate, re-invite.
import { textArgument } from "@/lib/validation";
import { type ActionResult, attempt } from "../../issues/action-result";

async function asAdmin<T>(work: (actor: { userId: string }) => Promise<T>): Promise<ActionResult<T>> {
  const admin = await requireAdmin();
  const result = await attempt(() => work({ userId: admin.id }));
  revalidatePath("/admin/users");
  return result;
}

export async function addUserAction(input: unknown): Promise<ActionResult<AddedUser>> {
  return asAdmin((actor) => addUser(getDb(), input, actor));
}

export async function changeRoleAction(userId: string, role: unknown): Promise<ActionResult<ManagedUser>> {
  return asAdmin((actor) => changeUserRole(getDb(), textArgument(userId), role, actor));
}

export async function deactivateUserAction(userId: string): Promise<ActionResult<ManagedUser>> {
  return asAdmin((actor) => deactivateUser(getDb(), textArgument(userId), actor));
}

export async function reactivateUserAction(userId: string): Promise<ActionResult<ManagedUser>> {
  return asAdmin((actor) => reactivateUser(getDb(), textArgument(userId), actor));
}

export async function reinviteUserAction(userId: string): Promise<ActionResult<{ token: string; expiresAt: Date }>> {
  return asAdmin((actor) => reinviteUser(getDb(), textArgument(userId), actor));
}
