"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
// "New issue" (button or c): title first, ⌘Enter / Ctrl+Enter creates. Validated with the same zod
// schema as the server; a refusal keeps everything typed and says why.
import { Dialog } from "radix-ui";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { createIssueAction } from "@/app/(app)/issues/triage-actions";
import { LabelChip } from "@/components/issues/label-chip";
import { PriorityIcon } from "@/components/issues/priority-icon";
import { StatusIcon } from "@/components/issues/status-icon";
import { Avatar } from "@/components/shell/avatar";
import { ModalSheet } from "@/components/ui/modal-sheet";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { createIssueSchema } from "@/lib/issues/issue-fields";
import { PRIORITY_LABEL, STATUS_LABEL } from "@/lib/issues/vocabulary";
import type { TriageField } from "./field-menus";
import { useFieldMenu } from "./field-menus";
import { OptionPopover } from "./option-popover";
import { patchLocally } from "./patch-locally";
import { type TriageIssue, useTriage } from "./triage-context";

const chipClass =
  "inline-flex h-7 items-center gap-1.5 rounded-md border border-ink-200 px-2 text-xs text-ink-700 hover:bg-ink-50 focus-visible:outline-2 focus-visible:outline-focus-ring data-[state=open]:bg-ink-100";

type Draft = TriageIssue;

/** A field of the draft, picked with the same menu as an existing issue's, but changing only the draft. */
function DraftField({
  field,
  draft,
  setDraft,
  children,
}: {
  field: TriageField;
  draft: Draft;
  setDraft: (draft: Draft) => void;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const menu = useFieldMenu(
    field,
    { issues: [draft] },
    () => setOpen(false),
    (patch) => setDraft(patchLocally(draft, patch)),
  );
  return (
    <OptionPopover
      {...menu}
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className={chipClass} aria-label={menu.label}>
          {children}
        </button>
      }
    />
  );
}

export function CreateIssueDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const { options } = useTriage();
  const formId = useId();
  const defaultProject = options.projects[0]?.key ?? "";
  const empty: Draft = {
    id: "draft",
    identifier: "New issue",
    title: "",
    status: "triage",
    priority: "P3",
    assigneeId: null,
    labelIds: [],
  };
  const [draft, setDraft] = useState<Draft>(empty);
  const [description, setDescription] = useState("");
  const [projectKey, setProjectKey] = useState(defaultProject);
  const [openJiraTicket, setOpenJiraTicket] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const project = options.projects.find((candidate) => candidate.key === projectKey);
  const assignee = options.users.find((user) => user.id === draft.assigneeId);
  const labels = options.labels.filter((label) => draft.labelIds.includes(label.id));

  const reset = () => {
    setDraft(empty);
    setDescription("");
    setError(null);
  };
  const submit = () => {
    const input = {
      projectKey,
      title: draft.title,
      description,
      status: draft.status,
      priority: draft.priority,
      assigneeId: draft.assigneeId,
      labelIds: draft.labelIds,
      openJiraTicket: Boolean(project?.hasJira && openJiraTicket),
    };
    const parsed = createIssueSchema.safeParse(input);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the form");
    startTransition(async () => {
      const result = await createIssueAction(input);
      if (!result.ok) return setError(result.error);
      const { identifier, jiraQueued } = result.value;
      reset();
      onOpenChange(false);
      toast.success(
        <span>
          Created{" "}
          <Link className="font-medium underline" href={`/issues/${identifier}`}>
            {identifier}
          </Link>
          {jiraQueued ? "; its Jira ticket is on its way" : ""}
        </span>,
      );
      router.refresh();
    });
  };

  return (
    <ModalSheet
      open={open}
      onOpenChange={onOpenChange}
      className="top-[12vh] w-[40rem] max-w-[94vw] rounded-xl shadow-2xl"
      onKeyDown={(event) => {
        if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
          event.preventDefault();
          submit();
        }
      }}
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="flex items-center gap-2 px-5 pt-4">
          <label htmlFor={`${formId}-project`} className="sr-only">
            Project
          </label>
          <select
            id={`${formId}-project`}
            value={projectKey}
            onChange={(event) => setProjectKey(event.target.value)}
            className="h-7 rounded-md border border-ink-200 bg-elevated px-2 text-xs text-ink-700 focus-visible:outline-2 focus-visible:outline-focus-ring"
          >
            {options.projects.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.name} ({candidate.key})
              </option>
            ))}
          </select>
          <Dialog.Title className="text-xs text-ink-500">› New issue</Dialog.Title>
        </div>
        <div className="px-5 pt-3">
          <label htmlFor={`${formId}-title`} className="sr-only">
            Title
          </label>
          <input
            id={`${formId}-title`}
            autoFocus
            value={draft.title}
            onChange={(event) => setDraft({ ...draft, title: event.target.value })}
            placeholder="Issue title"
            maxLength={300}
            className="w-full bg-transparent text-lg font-medium text-ink-900 placeholder:text-ink-400 focus:outline-none"
          />
          <label htmlFor={`${formId}-description`} className="sr-only">
            Description
          </label>
          <textarea
            id={`${formId}-description`}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            placeholder="Add a description… Markdown is supported."
            rows={5}
            className="mt-2 w-full resize-y bg-transparent text-[13px] leading-6 text-ink-800 placeholder:text-ink-400 focus:outline-none"
          />
        </div>
        <div className="flex flex-wrap items-center gap-1.5 px-5 pb-3">
          <DraftField field="status" draft={draft} setDraft={setDraft}>
            <StatusIcon status={draft.status} decorative />
            {STATUS_LABEL[draft.status]}
          </DraftField>
          <DraftField field="priority" draft={draft} setDraft={setDraft}>
            <PriorityIcon priority={draft.priority} decorative />
            {PRIORITY_LABEL[draft.priority]}
          </DraftField>
          <DraftField field="assignee" draft={draft} setDraft={setDraft}>
            {assignee ? (
              <>
                <Avatar name={assignee.name ?? assignee.email} size="xs" />
                {assignee.name ?? assignee.email}
              </>
            ) : (
              "Assignee"
            )}
          </DraftField>
          <DraftField field="labels" draft={draft} setDraft={setDraft}>
            {labels.length > 0
              ? labels.map((label) => <LabelChip key={label.id} name={label.name} color={label.color} />)
              : "Labels"}
          </DraftField>
        </div>
        <div className="flex items-center gap-3 border-t border-ink-100 px-5 py-3">
          {project?.hasJira ? (
            <label className="flex items-center gap-2 text-xs text-ink-600">
              <input
                type="checkbox"
                checked={openJiraTicket}
                onChange={(event) => setOpenJiraTicket(event.target.checked)}
                className="size-3.5 accent-indigo-600"
              />
              Open a Jira ticket
            </label>
          ) : null}
          <p role="alert" className="min-w-0 flex-1 truncate text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
          <Dialog.Close asChild>
            <button type="button" className={`${secondaryButtonClass} py-1.5 text-xs`}>
              Cancel
            </button>
          </Dialog.Close>
          <button
            type="submit"
            disabled={pending}
            className={`${primaryButtonClass} py-1.5 text-xs`}
            title="⌘Enter / Ctrl+Enter"
          >
            {pending ? "Creating…" : "Create issue"}
          </button>
        </div>
      </form>
    </ModalSheet>
  );
}
