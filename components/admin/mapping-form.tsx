"use client";
// Create or edit a source mapping: every field the admin API takes, grouped as the admin thinks of them.
// The action parses with the API's schema; its messages appear beside the field they name. Secrets are
// write-only: a field to replace one, a box to clear it, never the value.
import { useActionState, useState } from "react";
import { type MappingFormState, saveMappingAction } from "@/app/(app)/admin/actions";
import { Notice } from "@/components/ui/notice";
import { inputClass, primaryButtonClass } from "@/components/ui/styles";
import type { MappingView } from "@/lib/admin/mappings";
import { FormField, invalidInputClass } from "./form-field";
import { GlitchTipCredentials } from "./glitchtip-credentials";
import { JiraPickers } from "./jira-pickers";
import { submitWithoutReset } from "./submit-without-reset";

const field = `${inputClass} ${invalidInputClass}`;

function Group({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <fieldset className="grid grid-cols-[12rem_1fr] gap-6 border-t border-ink-200 pt-6">
      <legend className="contents">
        <span className="block">
          <span className="block text-sm font-medium text-ink-900">{title}</span>
          <span className="mt-1 block text-xs text-ink-500">{description}</span>
        </span>
      </legend>
      <div className="space-y-4">{children}</div>
    </fieldset>
  );
}

function SecretField({
  name,
  label,
  isSet,
  error,
  hint,
}: {
  name: string;
  label: string;
  isSet: boolean;
  error?: string;
  hint: string;
}) {
  return (
    <div className="space-y-1.5">
      <FormField name={name} label={isSet ? `${label} (set — type to replace)` : label} error={error} hint={hint}>
        <input
          name={name}
          type="password"
          autoComplete="off"
          placeholder={isSet ? "•••••••• (unchanged)" : ""}
          className={field}
        />
      </FormField>
      {isSet && (
        <label className="flex items-center gap-2 text-xs text-ink-600">
          <input type="checkbox" name={`${name}Clear`} className="rounded border-ink-300" /> Remove the stored{" "}
          {label.toLowerCase()}
        </label>
      )}
    </div>
  );
}

export function MappingForm({
  mapping,
  projects,
  connections,
  defaultSource = "sentry",
}: {
  mapping?: MappingView;
  defaultSource?: string;
  projects: { key: string; name: string }[];
  connections: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState<MappingFormState, FormData>(saveMappingAction, {});
  const [source, setSource] = useState(mapping?.source ?? defaultSource);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const value = (name: string, fallback: string) => values[name] ?? fallback;

  if (state.result?.webhook) {
    return (
      <div className="space-y-4">
        <Notice tone="success">Mapping saved. GlitchTip calls it through the URLs below.</Notice>
        <GlitchTipCredentials webhook={state.result.webhook} externalProject={state.result.externalProject} />
      </div>
    );
  }

  return (
    <form
      onSubmit={submitWithoutReset(action)}
      aria-label={mapping ? "Edit mapping" : "New mapping"}
      className="space-y-6"
      noValidate
    >
      {mapping && <input type="hidden" name="$id" value={mapping.id} />}
      <Group
        title="Source"
        description="Which external project's items this mapping takes, and the internal project they go to."
      >
        <div className="grid grid-cols-2 gap-3">
          <FormField name="source" label="Source" error={errors.source}>
            <select name="source" value={source} onChange={(event) => setSource(event.target.value)} className={field}>
              <option value="sentry">Sentry</option>
              <option value="glitchtip">GlitchTip</option>
              <option value="generic">Generic API</option>
            </select>
          </FormField>
          <FormField name="projectKey" label="Internal project" error={errors.projectKey}>
            <select
              name="projectKey"
              defaultValue={value("projectKey", mapping?.project.key ?? projects[0]?.key ?? "")}
              className={field}
            >
              {projects.map((project) => (
                <option key={project.key} value={project.key}>
                  {project.key} — {project.name}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <FormField
          name="externalProject"
          label="External project"
          error={errors.externalProject}
          hint={
            source === "glitchtip"
              ? 'GlitchTip "organization-slug/project-slug", or * for every GlitchTip project not mapped otherwise.'
              : "The Sentry project slug, e.g. web-app, or * for every project not mapped otherwise."
          }
        >
          <input
            name="externalProject"
            defaultValue={value("externalProject", mapping?.externalProject ?? "")}
            placeholder={source === "glitchtip" ? "acme/web" : "web-app"}
            className={`${field} font-mono`}
          />
        </FormField>
      </Group>

      <Group
        title="Jira"
        description="Where new issues open tickets, with which labels, components and priorities, and at most how many an hour."
      >
        <JiraPickers
          connections={connections}
          errors={errors}
          initial={{
            connectionId: value("jiraConnectionId", mapping?.jiraConnectionId ?? ""),
            projectKey: value("jiraProjectKey", mapping?.jiraProjectKey ?? ""),
            issueType: value("jiraIssueType", mapping?.jiraIssueType ?? "Bug"),
          }}
        />
        <div className="grid grid-cols-2 gap-3">
          <FormField
            name="jiraLabels"
            label="Labels"
            error={errors.jiraLabels}
            hint="Comma-separated; no spaces inside a label."
          >
            <input
              name="jiraLabels"
              defaultValue={value("jiraLabels", mapping?.jiraLabels.join(", ") ?? "")}
              placeholder="from-sentry, triage"
              className={field}
            />
          </FormField>
          <FormField
            name="jiraComponents"
            label="Components"
            error={errors.jiraComponents}
            hint="Comma-separated, as named in the Jira project."
          >
            <input
              name="jiraComponents"
              defaultValue={value("jiraComponents", mapping?.jiraComponents.join(", ") ?? "")}
              placeholder="Backend"
              className={field}
            />
          </FormField>
        </div>
        <div>
          <p className="mb-1.5 text-xs font-medium text-ink-700">Jira priority for each tracker priority</p>
          <div className="grid grid-cols-4 gap-3">
            {(["P1", "P2", "P3", "P4"] as const).map((priority) => (
              <FormField
                key={priority}
                name={`jiraPriorities.${priority}`}
                label={priority}
                error={errors[`jiraPriorities.${priority}`]}
              >
                <input
                  name={`jiraPriorities.${priority}`}
                  defaultValue={value(`jiraPriorities.${priority}`, mapping?.jiraPriorities?.[priority] ?? "")}
                  placeholder={{ P1: "Highest", P2: "High", P3: "Medium", P4: "Low" }[priority]}
                  className={field}
                />
              </FormField>
            ))}
          </div>
          {errors.jiraPriorities && (
            <p data-field-error="jiraPriorities" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {errors.jiraPriorities}
            </p>
          )}
          <p className="mt-1 text-xs text-ink-500">Empty: the ticket gets the Jira project's default priority.</p>
        </div>
        <FormField
          name="jiraTicketsPerHour"
          label="Tickets per hour"
          error={errors.jiraTicketsPerHour}
          hint="Flood control: more new issues in an hour wait for the next window (1–1000)."
        >
          <input
            name="jiraTicketsPerHour"
            inputMode="numeric"
            defaultValue={value("jiraTicketsPerHour", String(mapping?.jiraTicketsPerHour ?? 10))}
            className={`${field} w-32`}
          />
        </FormField>
      </Group>

      <Group
        title="Lifecycle"
        description="What a resolve in the source does to the issue, and how a regression raises its priority."
      >
        <div className="grid grid-cols-2 gap-3">
          <FormField name="onResolve" label="When resolved in the source" error={errors.onResolve}>
            <select
              name="onResolve"
              defaultValue={value("onResolve", mapping?.onResolve ?? "resolve")}
              className={field}
            >
              <option value="resolve">Resolve the issue</option>
              <option value="comment">Only add a comment</option>
              <option value="ignore">Ignore</option>
            </select>
          </FormField>
          <FormField name="escalationPriority" label="Priority on escalation" error={errors.escalationPriority}>
            <select
              name="escalationPriority"
              defaultValue={value("escalationPriority", mapping?.escalationPriority ?? "")}
              className={field}
            >
              <option value="">Keep the priority</option>
              <option value="P1">Raise to P1</option>
              <option value="P2">Raise to P2</option>
              <option value="P3">Raise to P3</option>
              <option value="P4">Raise to P4</option>
            </select>
          </FormField>
        </div>
      </Group>

      <Group
        title="GitHub"
        description="The repository whose recent commits are scored against each new issue's stack trace."
      >
        <div className="grid grid-cols-2 gap-3">
          <FormField
            name="githubRepo"
            label="Repository"
            error={errors.githubRepo}
            hint="owner/repo; empty uses GITHUB_REPO."
          >
            <input
              name="githubRepo"
              defaultValue={value("githubRepo", mapping?.githubRepo ?? "")}
              placeholder="acme/web"
              className={`${field} font-mono`}
            />
          </FormField>
          <FormField
            name="githubPathPrefix"
            label="Path prefix"
            error={errors.githubPathPrefix}
            hint="Prepended to frame paths, for a monorepo."
          >
            <input
              name="githubPathPrefix"
              defaultValue={value("githubPathPrefix", mapping?.githubPathPrefix ?? "")}
              placeholder="apps/web/"
              className={`${field} font-mono`}
            />
          </FormField>
        </div>
        <SecretField
          name="githubToken"
          label="GitHub token"
          isSet={mapping?.hasGithubToken ?? false}
          error={errors.githubToken}
          hint="A token that can read the repository; empty uses GITHUB_TOKEN."
        />
      </Group>

      {source === "glitchtip" && (
        <Group
          title="GlitchTip API"
          description="Optional: lets correlation read each issue's latest event (stack frames) from GlitchTip."
        >
          <FormField
            name="glitchtipApiUrl"
            label="GlitchTip URL"
            error={errors.glitchtipApiUrl}
            hint="e.g. https://glitchtip.example.com"
          >
            <input
              name="glitchtipApiUrl"
              defaultValue={value("glitchtipApiUrl", mapping?.glitchtipApiUrl ?? "")}
              placeholder="https://glitchtip.example.com"
              className={field}
            />
          </FormField>
          <SecretField
            name="glitchtipToken"
            label="GlitchTip API token"
            isSet={mapping?.hasGlitchtipToken ?? false}
            error={errors.glitchtipToken}
            hint="An API token with event:read."
          />
        </Group>
      )}

      <div className="flex items-center gap-3 border-t border-ink-200 pt-6">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : mapping ? "Save mapping" : "Create mapping"}
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
