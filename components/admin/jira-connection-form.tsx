"use client";
// Create or edit a Jira connection. The API token and webhook secret are write-only fields.
import { useActionState, useState } from "react";
import { saveJiraConnectionAction } from "@/app/(app)/admin/actions";
import type { FormState } from "@/app/(app)/admin/form-state";
import { Notice } from "@/components/ui/notice";
import { inputClass, primaryButtonClass } from "@/components/ui/styles";
import type { JiraConnectionView } from "@/lib/admin/jira-connections";
import { FormField, invalidInputClass } from "./form-field";
import { submitWithoutReset } from "./submit-without-reset";

const field = `${inputClass} ${invalidInputClass}`;

export function JiraConnectionForm({ connection }: { connection?: JiraConnectionView }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveJiraConnectionAction, {});
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const [flavor, setFlavor] = useState(connection?.flavor ?? "cloud");
  return (
    <form
      onSubmit={submitWithoutReset(action)}
      aria-label={connection ? "Edit Jira connection" : "New Jira connection"}
      className="space-y-4 rounded-lg border border-ink-200 p-4"
      noValidate
    >
      {connection && <input type="hidden" name="$id" value={connection.id} />}
      <div className="grid grid-cols-2 gap-3">
        <FormField name="name" label="Name" error={errors.name}>
          <input
            name="name"
            defaultValue={values.name ?? connection?.name ?? ""}
            placeholder="acme-jira"
            className={field}
          />
        </FormField>
        <FormField name="flavor" label="Jira" error={errors.flavor}>
          <select
            name="flavor"
            value={flavor}
            onChange={(event) => setFlavor(event.target.value as typeof flavor)}
            className={field}
          >
            <option value="cloud">Jira Cloud (email + API token)</option>
            <option value="datacenter">Jira Data Center / Server (personal access token)</option>
          </select>
        </FormField>
      </div>
      <FormField
        name="baseUrl"
        label="Site URL"
        error={errors.baseUrl}
        hint="e.g. https://acme.atlassian.net, without /rest"
      >
        <input
          name="baseUrl"
          type="url"
          defaultValue={values.baseUrl ?? connection?.baseUrl ?? ""}
          placeholder="https://acme.atlassian.net"
          className={field}
        />
      </FormField>
      <div className="grid grid-cols-2 gap-3">
        <FormField
          name="email"
          label="Account email"
          error={errors.email}
          hint={flavor === "cloud" ? "The Atlassian account the API token belongs to." : "Not used by Data Center."}
        >
          <input
            name="email"
            type="email"
            defaultValue={values.email ?? connection?.email ?? ""}
            placeholder="bot@acme.com"
            className={field}
          />
        </FormField>
        <FormField
          name="token"
          label={
            connection?.hasToken
              ? "API token (set — type to replace)"
              : flavor === "cloud"
                ? "API token"
                : "Personal access token"
          }
          error={errors.token}
          hint="Stored sealed; never shown again."
        >
          <input
            name="token"
            type="password"
            autoComplete="off"
            placeholder={connection?.hasToken ? "•••••••• (unchanged)" : ""}
            className={field}
          />
        </FormField>
      </div>
      {!connection && (
        <FormField
          name="webhookSecret"
          label="Webhook secret (optional)"
          error={errors.webhookSecret}
          hint="Or generate one on the connection's page after saving."
        >
          <input name="webhookSecret" type="password" autoComplete="off" className={field} />
        </FormField>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : connection ? "Save connection" : "Add connection"}
        </button>
        {state.error && (
          <div className="min-w-0 flex-1">
            <Notice tone="error">{state.error}</Notice>
          </div>
        )}
      </div>
    </form>
  );
}
