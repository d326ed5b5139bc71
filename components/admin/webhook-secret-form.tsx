"use client";
// A new secret for Jira's admin webhook, generated here and shown once to paste into Jira.
import { useActionState } from "react";
import { rotateJiraWebhookSecretAction } from "@/app/(app)/admin/actions";
import type { FormState } from "@/app/(app)/admin/form-state";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";
import { CopyField } from "./copy-button";

export function WebhookSecretForm({ connectionId, hasSecret }: { connectionId: string; hasSecret: boolean }) {
  const [state, action, pending] = useActionState<FormState<{ secret: string }>, FormData>(
    rotateJiraWebhookSecretAction,
    {},
  );
  if (state.result) {
    return (
      <div className="space-y-2">
        <CopyField label="Webhook secret" value={state.result.secret} secret />
        <Notice tone="info">Shown only this once: paste it into Jira now. It is stored sealed.</Notice>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="$id" value={connectionId} />
      <p className="text-[13px] text-ink-600">
        {hasSecret
          ? "A secret is set (it cannot be shown again)."
          : "No secret yet: Jira's deliveries are refused until one is set."}
      </p>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Generating…" : hasSecret ? "Generate a new secret" : "Generate secret"}
      </button>
      {state.error && <Notice tone="error">{state.error}</Notice>}
    </form>
  );
}
