"use server";
import { redirect } from "next/navigation";
import { createFirstAdmin, firstAdminSchema } from "@/lib/auth/create-first-admin";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface SetupFormState {
  error?: string;
  values?: { name: string; email: string };
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

export async function setupAction(_previous: SetupFormState, formData: FormData): Promise<SetupFormState> {
  // A server action is a public endpoint: anyone can post it any arguments, not just the form's.
  if (!(formData instanceof FormData)) return { error: "Send the setup form's fields (name, email, password)." };
  const input = {
    name: text(formData.get("name")),
    email: text(formData.get("email")),
    password: text(formData.get("password")),
  };
  const values = { name: input.name, email: input.email };
  const parsed = firstAdminSchema.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form and try again.", values };

  let created: boolean;
  try {
    created = await createFirstAdmin(getDb(), input);
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request") return { error: error.publicMessage, values };
    throw error;
  }
  // false: someone else finished setup first; their account stands and this form is moot.
  redirect(created ? "/signin?setup=done" : "/signin");
}
