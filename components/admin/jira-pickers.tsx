"use client";
// The mapping form's Jira project and issue type: lists read from the chosen Jira connection (through a
// server action, cached a minute there), or plain text fields when Jira cannot be asked or the admin
// prefers to type.
import { useEffect, useState, useTransition } from "react";
import { jiraPickerAction } from "@/app/(app)/admin/actions";
import { inputClass } from "@/components/ui/styles";
import type { JiraPickerOptions } from "@/lib/admin/jira-pickers";
import { FormField, invalidInputClass } from "./form-field";

export function JiraPickers({
  connections,
  initial,
  errors,
}: {
  connections: { id: string; name: string }[];
  initial: { connectionId: string; projectKey: string; issueType: string };
  errors: Record<string, string | undefined>;
}) {
  const [connectionId, setConnectionId] = useState(initial.connectionId);
  const [projectKey, setProjectKey] = useState(initial.projectKey);
  const [issueType, setIssueType] = useState(initial.issueType);
  const [options, setOptions] = useState<JiraPickerOptions | null>(null);
  const [manual, setManual] = useState(false);
  const [loading, startLoading] = useTransition();

  useEffect(() => {
    if (!connectionId) return setOptions(null);
    let current = true;
    startLoading(async () => {
      const answer = await jiraPickerAction(connectionId, projectKey || null);
      if (current) setOptions(answer);
    });
    return () => {
      current = false;
    };
  }, [connectionId, projectKey]);

  const projects = !manual && options?.projects ? options.projects : null;
  const issueTypes = !manual && projects && options?.issueTypes ? options.issueTypes : null;
  const withCurrent = (list: string[], value: string) => (value && !list.includes(value) ? [value, ...list] : list);

  return (
    <div className="space-y-4">
      <FormField
        name="jiraConnectionId"
        label="Jira connection"
        error={errors.jiraConnectionId}
        hint="The Jira site that receives this mapping's tickets; none opens no tickets."
      >
        <select
          name="jiraConnectionId"
          value={connectionId}
          onChange={(event) => setConnectionId(event.target.value)}
          className={`${inputClass} ${invalidInputClass}`}
        >
          <option value="">None (no Jira tickets)</option>
          {connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.name}
            </option>
          ))}
        </select>
      </FormField>
      {connectionId && (
        <>
          {options?.error && (
            <p
              role="status"
              data-testid="jira-picker-error"
              className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-800 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-300"
            >
              Could not read the lists from Jira ({options.error}); type the project key and issue type instead.
            </p>
          )}
          <div className="grid grid-cols-2 gap-3">
            <FormField
              name="jiraProjectKey"
              label="Jira project"
              error={errors.jiraProjectKey}
              hint={
                loading
                  ? "Asking Jira…"
                  : projects
                    ? `${projects.length} project(s) visible to the connection`
                    : "The project key, e.g. OPS"
              }
            >
              {projects ? (
                <select
                  name="jiraProjectKey"
                  value={projectKey}
                  onChange={(event) => setProjectKey(event.target.value)}
                  className={`${inputClass} ${invalidInputClass}`}
                >
                  <option value="">Choose a project…</option>
                  {withCurrent(
                    projects.map((project) => project.key),
                    projectKey,
                  ).map((key) => (
                    <option key={key} value={key}>
                      {projects.find((project) => project.key === key)?.name
                        ? `${key} — ${projects.find((project) => project.key === key)!.name}`
                        : key}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  name="jiraProjectKey"
                  value={projectKey}
                  onChange={(event) => setProjectKey(event.target.value.toUpperCase())}
                  placeholder="OPS"
                  className={`${inputClass} ${invalidInputClass} font-mono`}
                />
              )}
            </FormField>
            <FormField
              name="jiraIssueType"
              label="Issue type"
              error={errors.jiraIssueType}
              hint={issueTypes ? `Issue types of ${projectKey}` : "e.g. Bug"}
            >
              {issueTypes ? (
                <select
                  name="jiraIssueType"
                  value={issueType}
                  onChange={(event) => setIssueType(event.target.value)}
                  className={`${inputClass} ${invalidInputClass}`}
                >
                  {withCurrent(issueTypes, issueType).map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  name="jiraIssueType"
                  value={issueType}
                  onChange={(event) => setIssueType(event.target.value)}
                  placeholder="Bug"
                  className={`${inputClass} ${invalidInputClass}`}
                />
              )}
            </FormField>
          </div>
          {options?.projects && (
            <button
              type="button"
              onClick={() => setManual(!manual)}
              className="text-xs font-medium text-link hover:text-link-hover"
            >
              {manual ? "Choose from Jira's lists" : "Type the key and issue type instead"}
            </button>
          )}
        </>
      )}
      {!connectionId && (
        <>
          <input type="hidden" name="jiraProjectKey" value="" />
          <input type="hidden" name="jiraIssueType" value={issueType} />
        </>
      )}
    </div>
  );
}
