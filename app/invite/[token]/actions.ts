"use server";
// Accepting an invite: the link's token and a new password. Public (the invitee has no session yet);
// the token is the credential, checked and used up in lib/admin/add-user.ts.
import { redirect } from "next/navigation";
import { acceptInvite } from "@/lib/admin/add-user";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface AcceptInviteState {
  error?: string;
}

export async function acceptInviteAction(_previous: AcceptInviteState, formData: FormData): Promise<AcceptInviteState> {
  if (!(formData instanceof FormData)) return { error: "Send the form's fields (token, password)." };
  const token = formData.get("token");
  const password = formData.get("password");
  const confirm = formData.get("confirm");
  if (typeof password === "string" && typeof confirm === "string" && password !== confirm)
    return { error: "The two passwords differ" };
  try {
    await acceptInvite(getDb(), {
      token: typeof token === "string" ? token : "",
      password: typeof password === "string" ? password : undefined,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request") return { error: error.publicMessage };
    throw error;
  }
  redirect("/signin?invite=accepted");
}
