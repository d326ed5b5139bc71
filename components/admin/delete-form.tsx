"use client";
// A delete that asks once more in place (no dialog to trap focus): Delete → "Delete X?" Confirm / Cancel.
// A refusal (a connection still in use) shows the server's reason.
import { useActionState, useState } from "react";
import type { FormState } from "@/app/(app)/admin/form-state";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";

const dangerClass =
  "inline-flex items-center justify-center rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white shadow-xs hover:bg-red-800 " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus-ring disabled:opacity-60";

export function DeleteForm({
  id,
  what,
  action,
}: {
  id: string;
  what: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="$id" value={id} />
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-[13px] text-ink-700">Delete {what}? This cannot be undone.</span>
          <button type="submit" disabled={pending} className={dangerClass} autoFocus>
            {pending ? "Deleting…" : `Delete ${what}`}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className={secondaryButtonClass}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className={`${secondaryButtonClass} text-red-700 dark:text-red-400`}
        >
          Delete…
        </button>
      )}
      {state.error && <Notice tone="error">{state.error}</Notice>}
    </form>
  );
}
