"use client";
// "Test connection": the credentials, then browse/create permission in each mapped Jira project, each
// named with its verdict.
import { CircleAlert, CircleCheck } from "lucide-react";
import { useActionState } from "react";
import { testJiraConnectionAction } from "@/app/(app)/admin/actions";
import type { FormState } from "@/app/(app)/admin/form-state";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";
import type { ConnectionTestResult } from "@/lib/admin/test-jira-connection";

function Verdict({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  const Icon = ok ? CircleCheck : CircleAlert;
  return (
    <li className="flex items-start gap-2 text-[13px]">
      <Icon
        className={`mt-0.5 size-3.5 shrink-0 ${ok ? "text-emerald-600 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}
        aria-label={ok ? "ok" : "problem"}
      />
      <span className="min-w-0 break-words text-ink-800">{children}</span>
    </li>
  );
}

export function TestConnectionForm({ connectionId }: { connectionId: string }) {
  const [state, action, pending] = useActionState<FormState<ConnectionTestResult>, FormData>(
    testJiraConnectionAction,
    {},
  );
  const result = state.result;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="$id" value={connectionId} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Testing…" : "Test connection"}
      </button>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {result && (
        <ul data-testid="connection-test-result" className="space-y-1.5 rounded-lg border border-ink-200 p-3">
          <Verdict ok={result.credentials.ok}>Credentials: {result.credentials.message}</Verdict>
          {result.credentials.ok && result.projects.length === 0 && (
            <li className="text-[13px] text-ink-500">No mapping sends tickets through this connection yet.</li>
          )}
          {result.projects.map((project) => (
            <Verdict key={project.projectKey} ok={project.ok}>
              <span className="font-mono font-medium">{project.projectKey}</span>:{" "}
              {project.ok ? "may browse and create issues" : project.problem}
            </Verdict>
          ))}
        </ul>
      )}
    </form>
  );
}
