"use client";
// Status, priority, assignee and labels of the open issue, each a menu (click, or s / p / a / l), with
// the change shown at once and rolled back with a visible error when the server refuses it.
import { useEffect, useOptimistic, useState } from "react";
import { Avatar } from "@/components/shell/avatar";
import { FIELD_KEY, type TriageField, useFieldMenu } from "@/components/triage/field-menus";
import { useShortcuts } from "@/components/triage/keyboard";
import { OptionPopover } from "@/components/triage/option-popover";
import { patchLocally } from "@/components/triage/patch-locally";
import { type TriageIssue, useTriage } from "@/components/triage/triage-context";
import type { IssuePatchInput } from "@/lib/issues/issue-fields";
import { PRIORITY_LABEL, STATUS_LABEL } from "@/lib/issues/vocabulary";
import { LabelChip } from "./label-chip";
import { PriorityIcon } from "./priority-icon";
import { Property } from "./property";
import { StatusIcon } from "./status-icon";

const triggerClass =
  "-mx-1.5 -my-0.5 inline-flex min-h-6 max-w-full items-center gap-2 rounded px-1.5 py-0.5 text-left text-[13px] text-ink-800 hover:bg-ink-100 focus-visible:outline-2 focus-visible:outline-focus-ring data-[state=open]:bg-ink-100";

function FieldMenu({
  field,
  issue,
  open,
  setOpen,
  onOptimistic,
  children,
  testId,
}: {
  field: TriageField;
  issue: TriageIssue;
  open: boolean;
  setOpen: (open: boolean) => void;
  onOptimistic: (patch: Parameters<typeof patchLocally>[1]) => void;
  children: React.ReactNode;
  testId: string;
}) {
  const menu = useFieldMenu(field, { issues: [issue], onOptimistic }, () => setOpen(false));
  const shortcut = Object.entries(FIELD_KEY).find(([, value]) => value === field)?.[0];
  return (
    <OptionPopover
      {...menu}
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button
          type="button"
          className={triggerClass}
          data-testid={testId}
          aria-keyshortcuts={shortcut}
          aria-label={`${menu.label}: ${typeof children === "string" ? children : ""}`.trim()}
        >
          {children}
        </button>
      }
    />
  );
}

export function EditableProperties({ issue }: { issue: TriageIssue }) {
  const { options, setTarget } = useTriage();
  const [shown, showPatch] = useOptimistic<TriageIssue, IssuePatchInput>(issue, patchLocally);
  const [openField, setOpenField] = useState<TriageField | null>(null);
  useShortcuts(Object.keys(FIELD_KEY), (key) => setOpenField(FIELD_KEY[key] ?? null));
  useEffect(() => {
    setTarget({ issues: [shown], onOptimistic: showPatch });
    return () => setTarget(null);
  }, [shown, showPatch, setTarget]);

  const menuProps = (field: TriageField) => ({
    field,
    issue: shown,
    open: openField === field,
    setOpen: (open: boolean) => setOpenField(open ? field : null),
    onOptimistic: showPatch,
  });
  const assignee = options.users.find((user) => user.id === shown.assigneeId);
  const labels = options.labels.filter((label) => shown.labelIds.includes(label.id));

  return (
    <>
      <Property label="Status">
        <FieldMenu {...menuProps("status")} testId="issue-status">
          <StatusIcon status={shown.status} decorative />
          {STATUS_LABEL[shown.status]}
        </FieldMenu>
      </Property>
      <Property label="Priority">
        <FieldMenu {...menuProps("priority")} testId="issue-priority">
          <PriorityIcon priority={shown.priority} decorative />
          {PRIORITY_LABEL[shown.priority]}
          <span className="text-xs text-ink-500">{shown.priority}</span>
        </FieldMenu>
      </Property>
      <Property label="Assignee">
        <FieldMenu {...menuProps("assignee")} testId="issue-assignee">
          {assignee ? (
            <>
              <Avatar name={assignee.name ?? assignee.email} size="xs" />
              <span className="truncate">{assignee.name ?? assignee.email}</span>
            </>
          ) : (
            <span className="text-ink-500">Unassigned</span>
          )}
        </FieldMenu>
      </Property>
      <Property label="Labels">
        <FieldMenu {...menuProps("labels")} testId="issue-labels">
          {labels.length > 0 ? (
            <span className="flex flex-wrap gap-1">
              {labels.map((label) => (
                <LabelChip key={label.id} name={label.name} color={label.color} />
              ))}
            </span>
          ) : (
            <span className="text-ink-500">Add labels</span>
          )}
        </FieldMenu>
      </Property>
    </>
  );
}
