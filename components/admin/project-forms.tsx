"use client";
// Create a project, and rename one in its row. The key field stays read-only once a project has
// issues, with the reason beside it.
import { useActionState, useEffect, useRef, useState } from "react";
import { createProjectAction, updateProjectAction } from "@/app/(app)/admin/actions";
import type { FormState } from "@/app/(app)/admin/form-state";
import { Notice } from "@/components/ui/notice";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import type { ProjectView } from "@/lib/admin/projects";
import { FormField, invalidInputClass } from "./form-field";
import { cellClass } from "./table";

export function CreateProjectForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createProjectAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.savedAt) form.current?.reset();
  }, [state.savedAt]);
  return (
    <form
      ref={form}
      action={action}
      aria-label="New project"
      className="space-y-3 rounded-lg border border-ink-200 p-4"
    >
      <div className="grid grid-cols-[10rem_1fr] gap-3">
        <FormField
          name="key"
          label="Key"
          hint="2–10 capitals/digits; issues are numbered KEY-1, KEY-2…"
          error={state.fieldErrors?.key}
        >
          <input
            name="key"
            required
            defaultValue={state.values?.key}
            placeholder="WEB"
            autoComplete="off"
            className={`${inputClass} ${invalidInputClass} font-mono uppercase`}
          />
        </FormField>
        <FormField name="name" label="Name" error={state.fieldErrors?.name}>
          <input
            name="name"
            required
            defaultValue={state.values?.name}
            placeholder="Web app"
            className={`${inputClass} ${invalidInputClass}`}
          />
        </FormField>
      </div>
      {state.error && !state.fieldErrors && <Notice tone="error">{state.error}</Notice>}
      {state.savedAt && <Notice tone="success">Project created.</Notice>}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Creating…" : "Create project"}
      </button>
    </form>
  );
}

export function ProjectRow({ project }: { project: ProjectView }) {
  const [editing, setEditing] = useState(false);
  const [state, action, pending] = useActionState<FormState, FormData>(updateProjectAction, {});
  useEffect(() => {
    if (state.savedAt) setEditing(false);
  }, [state.savedAt]);
  const keyFixed = project.issueCount > 0;
  if (!editing) {
    return (
      <tr data-testid="project-row">
        <td className={`${cellClass} font-mono text-xs font-medium text-ink-900`}>{project.key}</td>
        <td className={cellClass}>{project.name}</td>
        <td className={`${cellClass} tabular-nums`}>{project.issueCount}</td>
        <td className={`${cellClass} tabular-nums`}>{project.mappingCount}</td>
        <td className={`${cellClass} text-right`}>
          <button
            type="button"
            onClick={() => setEditing(true)}
            className="text-[13px] font-medium text-link hover:text-link-hover"
            aria-label={`Rename ${project.key}`}
          >
            Rename
          </button>
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="project-row">
      <td colSpan={5} className={cellClass}>
        <form action={action} aria-label={`Rename ${project.key}`} className="space-y-3 py-1">
          <input type="hidden" name="$id" value={project.id} />
          <div className="grid grid-cols-[10rem_1fr] gap-3">
            <FormField
              name="key"
              label="Key"
              error={state.fieldErrors?.key}
              hint={
                keyFixed
                  ? `Fixed: ${project.issueCount} issue(s) are numbered ${project.key}-…, and those identifiers are already in Jira tickets, links and commits.`
                  : "Can change until the first issue arrives."
              }
            >
              <input
                name="key"
                defaultValue={state.values?.key ?? project.key}
                readOnly={keyFixed}
                className={`${inputClass} ${invalidInputClass} font-mono uppercase read-only:bg-ink-50 read-only:text-ink-500`}
              />
            </FormField>
            <FormField name="name" label="Name" error={state.fieldErrors?.name}>
              <input
                name="name"
                required
                defaultValue={state.values?.name ?? project.name}
                autoFocus
                className={`${inputClass} ${invalidInputClass}`}
              />
            </FormField>
          </div>
          {state.error && !state.fieldErrors && <Notice tone="error">{state.error}</Notice>}
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={`${primaryButtonClass} py-1.5 text-xs`}>
              {pending ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              onClick={() => setEditing(false)}
              className={`${secondaryButtonClass} py-1.5 text-xs`}
            >
              Cancel
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
