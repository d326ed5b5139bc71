"use client";
// A new webhook token for a GlitchTip mapping: the old URL stops working at once, the new one is shown once.
import { useActionState } from "react";
import { type MappingFormState, rotateWebhookTokenAction } from "@/app/(app)/admin/actions";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";
import { GlitchTipCredentials } from "./glitchtip-credentials";

export function RotateTokenForm({ mappingId, externalProject }: { mappingId: string; externalProject: string }) {
  const [state, action, pending] = useActionState<MappingFormState, FormData>(rotateWebhookTokenAction, {});
  if (state.result?.webhook)
    return <GlitchTipCredentials webhook={state.result.webhook} externalProject={state.result.externalProject} />;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="$id" value={mappingId} />
      <button
        type="submit"
        disabled={pending}
        className={secondaryButtonClass}
        aria-label={`Rotate the webhook token of ${externalProject}`}
      >
        {pending ? "Rotating…" : "Rotate token and show URLs"}
      </button>
      <p className="text-xs text-ink-500">
        The URLs GlitchTip uses now stop working; paste the new ones into GlitchTip.
      </p>
      {state.error && <Notice tone="error">{state.error}</Notice>}
    </form>
  );
}
