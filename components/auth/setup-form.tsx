"use client";
import { useActionState } from "react";
import { type SetupFormState, setupAction } from "@/app/setup/actions";
import { Notice } from "@/components/ui/notice";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";

export function SetupForm() {
  const [state, action, pending] = useActionState<SetupFormState, FormData>(setupAction, {});
  return (
    <form action={action} className="space-y-4">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <div>
        <label htmlFor="name" className={labelClass}>
          Name
        </label>
        <input id="name" name="name" autoComplete="name" defaultValue={state.values?.name} className={inputClass} />
      </div>
      <div>
        <label htmlFor="email" className={labelClass}>
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="password" className={labelClass}>
          Password
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
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Creating account…" : "Create admin account"}
      </button>
    </form>
  );
}
