"use client";
import { Check, ChevronRight } from "lucide-react";
// The row menu ("⋯" button) and the right-click menu of a list row share these items: Radix's
// DropdownMenu and ContextMenu have the same parts, so one list of items serves both.
import { ContextMenu, DropdownMenu } from "radix-ui";
import { Avatar } from "@/components/shell/avatar";
import { useApplyPatch } from "@/components/triage/field-menus";
import { type TriageTarget, useTriage } from "@/components/triage/triage-context";
import { menuContentClass, menuItemClass } from "@/components/ui/styles";
import { PRIORITY_LABEL, PRIORITY_ORDER, STATUS_LABEL, STATUS_ORDER } from "@/lib/issues/vocabulary";
import { PriorityIcon } from "../priority-icon";
import { StatusIcon } from "../status-icon";

type Menu = typeof DropdownMenu;

const contentClass = `${menuContentClass} min-w-48`;
const itemClass = menuItemClass;

function Sub({ M, label, children }: { M: Menu; label: string; children: React.ReactNode }) {
  return (
    <M.Sub>
      <M.SubTrigger className={itemClass}>
        <span className="flex-1">{label}</span>
        <ChevronRight className="size-3.5 text-ink-500" aria-hidden />
      </M.SubTrigger>
      <M.Portal>
        <M.SubContent className={`${contentClass} max-h-80 overflow-y-auto`} sideOffset={2}>
          {children}
        </M.SubContent>
      </M.Portal>
    </M.Sub>
  );
}

export function RowMenuItems({
  kind,
  target,
  onOpen,
}: {
  kind: "dropdown" | "context";
  target: TriageTarget;
  onOpen: () => void;
}) {
  const M = (kind === "context" ? ContextMenu : DropdownMenu) as unknown as Menu;
  const { me, options } = useTriage();
  const apply = useApplyPatch();
  const [only] = target.issues;
  const single = target.issues.length === 1 ? only : undefined;
  const hasLabel = (id: string) => target.issues.every((issue) => issue.labelIds.includes(id));
  return (
    <M.Portal>
      <M.Content
        className={contentClass}
        align="start"
        aria-label={single ? `Actions for ${single.identifier}` : `Actions for ${target.issues.length} issues`}
      >
        <M.Label className="px-2 py-1 text-[11px] font-medium text-ink-500">
          {single ? single.identifier : `${target.issues.length} issues`}
        </M.Label>
        <Sub M={M} label="Status">
          <M.RadioGroup value={single?.status} onValueChange={(status) => apply(target, { status: status as never })}>
            {STATUS_ORDER.map((status) => (
              <M.RadioItem key={status} value={status} className={itemClass}>
                <StatusIcon status={status} decorative /> <span className="flex-1">{STATUS_LABEL[status]}</span>
                <M.ItemIndicator>
                  <Check className="size-3.5" aria-hidden />
                </M.ItemIndicator>
              </M.RadioItem>
            ))}
          </M.RadioGroup>
        </Sub>
        <Sub M={M} label="Priority">
          <M.RadioGroup
            value={single?.priority}
            onValueChange={(priority) => apply(target, { priority: priority as never })}
          >
            {PRIORITY_ORDER.map((priority) => (
              <M.RadioItem key={priority} value={priority} className={itemClass}>
                <PriorityIcon priority={priority} decorative />{" "}
                <span className="flex-1">{PRIORITY_LABEL[priority]}</span>
                <M.ItemIndicator>
                  <Check className="size-3.5" aria-hidden />
                </M.ItemIndicator>
              </M.RadioItem>
            ))}
          </M.RadioGroup>
        </Sub>
        <Sub M={M} label="Assignee">
          <M.Item className={itemClass} onSelect={() => apply(target, { assigneeId: me.id })}>
            Assign to me
          </M.Item>
          <M.Item className={itemClass} onSelect={() => apply(target, { assigneeId: null })}>
            Unassign
          </M.Item>
          <M.Separator className="my-1 h-px bg-ink-100" />
          {options.users.map((user) => (
            <M.Item key={user.id} className={itemClass} onSelect={() => apply(target, { assigneeId: user.id })}>
              <Avatar name={user.name ?? user.email} size="xs" />{" "}
              <span className="flex-1 truncate">{user.name ?? user.email}</span>
              {single?.assigneeId === user.id && <Check className="size-3.5" aria-hidden />}
            </M.Item>
          ))}
        </Sub>
        <Sub M={M} label="Labels">
          {options.labels.length === 0 && (
            <p className="px-2 py-1.5 text-xs text-ink-500">No labels yet — press L to create one</p>
          )}
          {options.labels.map((label) => (
            <M.CheckboxItem
              key={label.id}
              className={itemClass}
              checked={hasLabel(label.id)}
              onSelect={(event) => event.preventDefault()}
              onCheckedChange={(checked) =>
                apply(target, checked ? { addLabelIds: [label.id] } : { removeLabelIds: [label.id] })
              }
            >
              <span className="size-2.5 rounded-full" style={{ backgroundColor: label.color }} aria-hidden />
              <span className="flex-1 truncate">{label.name}</span>
              <M.ItemIndicator>
                <Check className="size-3.5" aria-hidden />
              </M.ItemIndicator>
            </M.CheckboxItem>
          ))}
        </Sub>
        {single && (
          <>
            <M.Separator className="my-1 h-px bg-ink-100" />
            <M.Item className={itemClass} onSelect={onOpen}>
              Open
            </M.Item>
            <M.Item
              className={itemClass}
              onSelect={() =>
                void navigator.clipboard?.writeText(`${window.location.origin}/issues/${single.identifier}`)
              }
            >
              Copy link
            </M.Item>
          </>
        )}
      </M.Content>
    </M.Portal>
  );
}

export { ContextMenu, DropdownMenu };
