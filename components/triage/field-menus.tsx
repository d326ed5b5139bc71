"use client";
// The four triage menus (status, priority, assignee, labels) for one issue or many: their options,
// which are checked, and what picking one changes. Used by the issue page's properties, the list's row
// menus and shortcuts, the bulk bar and the command palette, so all of them change issues one way.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { bulkUpdateAction, createLabelAction, updateIssueAction } from "@/app/(app)/issues/triage-actions";
import { PriorityIcon } from "@/components/issues/priority-icon";
import { StatusIcon } from "@/components/issues/status-icon";
import { Avatar } from "@/components/shell/avatar";
import type { IssuePatchInput } from "@/lib/issues/issue-fields";
import { PRIORITY_LABEL, PRIORITY_ORDER, STATUS_LABEL, STATUS_ORDER } from "@/lib/issues/vocabulary";
import { watchBulkOperation } from "./bulk-progress";
import type { Option, OptionListProps } from "./option-list";
import { type TriageIssue, type TriageTarget, useTriage } from "./triage-context";

export type TriageField = "status" | "priority" | "assignee" | "labels";

export const FIELD_TITLE: Record<TriageField, string> = {
  status: "Change status",
  priority: "Change priority",
  assignee: "Assign to",
  labels: "Labels",
};
export const FIELD_KEY: Record<string, TriageField> = { s: "status", p: "priority", a: "assignee", l: "labels" };

const UNASSIGNED = "none";
const LABEL_COLORS = [
  ["Red", "#ef4444"],
  ["Orange", "#f97316"],
  ["Amber", "#f59e0b"],
  ["Green", "#22c55e"],
  ["Teal", "#14b8a6"],
  ["Blue", "#3b82f6"],
  ["Indigo", "#6366f1"],
  ["Purple", "#a855f7"],
  ["Pink", "#ec4899"],
  ["Grey", "#71717a"],
] as const;

/** The value every issue shares, or nothing checked when they differ. */
function common<T>(issues: TriageIssue[], read: (issue: TriageIssue) => T): Set<T> {
  const values = new Set(issues.map(read));
  return values.size === 1 ? values : new Set();
}

/**
 * Sends a patch for the target: one issue through updateIssueAction, several (or every issue matching a
 * list's filters, `target.ids`) through the bulk action, which runs large selections as a job.
 */
export function useApplyPatch() {
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (target: TriageTarget, patch: IssuePatchInput) => {
    const ids = target.ids ?? target.issues.map((issue) => issue.id);
    if (ids.length === 0) return;
    startTransition(async () => {
      target.onOptimistic?.(patch);
      const [only] = target.issues;
      if (!target.ids && ids.length === 1 && only) {
        const result = await updateIssueAction(only.identifier, patch);
        if (!result.ok) toast.error(`${only.identifier} was not changed: ${result.error}`);
        return;
      }
      const result = await bulkUpdateAction(ids, patch);
      if (!result.ok) toast.error(`Nothing was changed: ${result.error}`);
      else if (result.value.kind === "queued")
        watchBulkOperation(result.value.operationId, result.value.total, () => router.refresh());
      else toast.success(`Changed ${result.value.changed} of ${result.value.issues} issues`);
    });
  };
}

/**
 * The props of the menu for `field` over `issues`; `close` is called after a single pick (labels stay
 * open to toggle several). `applyLocally`: change only a draft (the create form), never the server.
 */
export function useFieldMenu(
  field: TriageField,
  target: TriageTarget,
  close: () => void,
  applyLocally?: (patch: IssuePatchInput) => void,
): OptionListProps {
  const { issues } = target;
  const { me, options, addLabel } = useTriage();
  const apply = useApplyPatch();
  const [newLabel, setNewLabel] = useState<string | null>(null);
  const pick = (patch: IssuePatchInput, keepOpen = false) => {
    if (applyLocally) applyLocally(patch);
    else apply(target, patch);
    if (!keepOpen) close();
  };
  switch (field) {
    case "status":
      return {
        label: "Status",
        placeholder: "Change status…",
        options: STATUS_ORDER.map(
          (status, index): Option => ({
            value: status,
            label: STATUS_LABEL[status],
            icon: <StatusIcon status={status} decorative />,
            shortcut: String(index + 1),
          }),
        ),
        selected: common(issues, (issue) => issue.status),
        onPick: (status) => pick({ status: status as IssuePatchInput["status"] }),
      };
    case "priority":
      return {
        label: "Priority",
        placeholder: "Change priority…",
        options: PRIORITY_ORDER.map(
          (priority, index): Option => ({
            value: priority,
            label: PRIORITY_LABEL[priority],
            icon: <PriorityIcon priority={priority} decorative />,
            keywords: [priority],
            hint: priority,
            shortcut: String(index + 1),
          }),
        ),
        selected: common(issues, (issue) => issue.priority),
        onPick: (priority) => pick({ priority: priority as IssuePatchInput["priority"] }),
      };
    case "assignee": {
      const people = [...options.users].sort((a, b) => Number(b.id === me.id) - Number(a.id === me.id));
      return {
        label: "Assignee",
        placeholder: "Assign to…",
        options: [
          {
            value: UNASSIGNED,
            label: "Unassigned",
            keywords: ["none", "unassign", "nobody"],
            icon: <span className="size-5 rounded-full border border-dashed border-ink-300" aria-hidden />,
          },
          ...people.map(
            (user): Option => ({
              value: user.id,
              label: user.id === me.id ? `${user.name ?? user.email} (me)` : (user.name ?? user.email),
              keywords: [user.email, ...(user.id === me.id ? ["me", "assign to me"] : [])],
              icon: <Avatar name={user.name ?? user.email} size="xs" />,
            }),
          ),
        ],
        selected: common(issues, (issue) => issue.assigneeId ?? UNASSIGNED),
        onPick: (value) => pick({ assigneeId: value === UNASSIGNED ? null : value }),
      };
    }
    case "labels": {
      if (newLabel !== null) {
        // Second step of "Create label": its colour.
        return {
          label: "Label colour",
          placeholder: `Colour for “${newLabel}”…`,
          options: LABEL_COLORS.map(
            ([name, hex]): Option => ({
              value: hex,
              label: name,
              icon: <span className="size-2.5 rounded-full" style={{ backgroundColor: hex }} aria-hidden />,
            }),
          ),
          selected: new Set<string>(),
          onPick: (color) => {
            const name = newLabel;
            setNewLabel(null);
            createLabelAction({ name, color }).then(
              (result) => {
                if (!result.ok) return void toast.error(result.error);
                addLabel(result.value);
                pick({ addLabelIds: [result.value.id] }, true);
              },
              () => toast.error(`The label “${name}” could not be created; try again.`),
            );
          },
        };
      }
      const has = (labelId: string) => issues.length > 0 && issues.every((issue) => issue.labelIds.includes(labelId));
      return {
        label: "Labels",
        placeholder: "Add or remove labels…",
        options: options.labels.map(
          (label): Option => ({
            value: label.id,
            label: label.name,
            icon: <span className="size-2.5 rounded-full" style={{ backgroundColor: label.color }} aria-hidden />,
          }),
        ),
        selected: new Set(options.labels.filter((label) => has(label.id)).map((label) => label.id)),
        onPick: (labelId) => pick(has(labelId) ? { removeLabelIds: [labelId] } : { addLabelIds: [labelId] }, true),
        onCreate: (name) => setNewLabel(name),
        createLabel: (name) => `Create label “${name}”`,
      };
    }
  }
}
