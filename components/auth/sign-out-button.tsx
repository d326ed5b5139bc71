"use client";
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-ink-500 hover:bg-ink-200/60 hover:text-ink-900"
      title="Sign out"
      aria-label="Sign out"
    >
      <LogOut className="size-3.5" aria-hidden />
    </button>
  );
}
