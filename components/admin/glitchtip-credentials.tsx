"use client";
// A GlitchTip mapping's webhook URL and bridge URL, shown once after they were made (only the token's
// hash is kept), with the steps to paste them into GlitchTip and a test alert through the real URL.
import { useActionState } from "react";
import { sendGlitchTipTestAction } from "@/app/(app)/admin/actions";
import type { FormState } from "@/app/(app)/admin/form-state";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";
import type { WebhookCredentials } from "@/lib/admin/mappings";
import type { TestSendResult } from "@/lib/admin/send-test-event";
import { CopyField } from "./copy-button";
import { TestSendResultNotice } from "./test-send-result";

export function GlitchTipCredentials({
  webhook,
  externalProject,
}: {
  webhook: WebhookCredentials;
  externalProject: string;
}) {
  const [state, action, pending] = useActionState<FormState<TestSendResult>, FormData>(sendGlitchTipTestAction, {});
  return (
    <section
      aria-label="GlitchTip webhook"
      data-testid="glitchtip-credentials"
      className="space-y-4 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4 dark:border-indigo-400/30 dark:bg-indigo-400/5"
    >
      <Notice tone="info">
        Copy these now: they are shown only this once. The token in them is stored only as a hash; rotate it to get new
        URLs.
      </Notice>
      <CopyField label="Webhook URL" value={webhook.url} secret />
      {webhook.bridgeUrl && <CopyField label="Bridge URL" value={webhook.bridgeUrl} secret />}
      <ol className="list-decimal space-y-1.5 pl-5 text-[13px] text-ink-700">
        <li>
          In GlitchTip, open the project <span className="font-mono">{externalProject}</span> →{" "}
          <b>Settings → Alerts → Create alert</b>, and set the quantity and timespan.
        </li>
        <li>
          Add a recipient of type <b>Webhook</b> and paste the webhook URL. Self-hosted GlitchTip refuses private
          addresses unless <span className="font-mono">GLITCHTIP_ALLOW_PRIVATE_IPS=True</span>.
        </li>
        {webhook.bridgeUrl && (
          <li>
            Already using glitchtip-jira-bridge? Point its alerts at the bridge URL instead; nothing else changes.
          </li>
        )}
        <li>Save, then send a test alert below: it goes through the webhook URL exactly as GlitchTip will call it.</li>
      </ol>
      <form action={action} className="space-y-3">
        <input type="hidden" name="url" value={webhook.url} />
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {pending ? "Sending…" : "Send test alert"}
        </button>
        {state.result && <TestSendResultNotice result={state.result} />}
        {state.error && <Notice tone="error">{state.error}</Notice>}
      </form>
    </section>
  );
}
