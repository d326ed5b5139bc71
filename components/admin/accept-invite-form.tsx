"use client";
import { useActionState } from "react";
import { type AcceptInviteState, acceptInviteAction } from "@/app/invite/[token]/actions";
import { Notice } from "@/components/ui/notice";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<AcceptInviteState, FormData>(acceptInviteAction, {});
  return (
    <form action={action} className="space-y-4">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account the password belongs to. */}
      <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="password" className={labelClass}>
          New password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          className={inputClass}
        />
        <p className="mt-1.5 text-xs text-ink-500">At least 8 characters.</p>
      </div>
      <div>
        <label htmlFor="confirm" className={labelClass}>
          Repeat the password
        </label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          className={inputClass}
        />
      </div>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Setting password…" : "Set password"}
      </button>
    </form>
  );
}
