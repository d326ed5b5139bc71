"use client";
// "Send test event": a signed issue.created through the real webhook, then a link to the issue it made.
import { useActionState } from "react";
import { sendSentryTestAction } from "@/app/(app)/admin/actions";
import type { FormState } from "@/app/(app)/admin/form-state";
import { Notice } from "@/components/ui/notice";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import type { TestSendResult } from "@/lib/admin/send-test-event";
import { TestSendResultNotice } from "./test-send-result";

export function SentryTestForm({ slugs, disabled }: { slugs: string[]; disabled: boolean }) {
  const [state, action, pending] = useActionState<FormState<TestSendResult>, FormData>(sendSentryTestAction, {});
  return (
    <form action={action} className="space-y-3">
      <div className="flex items-end gap-3">
        <div>
          <label htmlFor="test-slug" className={labelClass}>
            As Sentry project
          </label>
          <select id="test-slug" name="slug" className={`${inputClass} w-56`} disabled={disabled}>
            {slugs
              .filter((slug) => slug !== "*")
              .map((slug) => (
                <option key={slug} value={slug}>
                  {slug}
                </option>
              ))}
            <option value="tracker-test">tracker-test (unmapped)</option>
          </select>
        </div>
        <button type="submit" disabled={pending || disabled} className={primaryButtonClass}>
          {pending ? "Sending…" : "Send test event"}
        </button>
      </div>
      {disabled && <p className="text-xs text-ink-500">Set SENTRY_CLIENT_SECRET first: the test is signed with it.</p>}
      {state.result && <TestSendResultNotice result={state.result} />}
      {state.error && <Notice tone="error">{state.error}</Notice>}
    </form>
  );
}
