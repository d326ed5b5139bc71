"use client";
// A triage menu opened from a button (mouse) or by its shortcut (the caller controls `open`).
import { Popover } from "radix-ui";
import { OptionList, type OptionListProps } from "./option-list";

export function OptionPopover({
  open,
  onOpenChange,
  trigger,
  ...list
}: OptionListProps & { open: boolean; onOpenChange: (open: boolean) => void; trigger: React.ReactNode }) {
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label={list.label}
          align="start"
          sideOffset={4}
          className="z-50 overflow-hidden rounded-lg border border-ink-200 bg-elevated shadow-lg shadow-zinc-900/10 dark:shadow-black/50"
        >
          {/* A new step (e.g. a new label's colour) starts with an empty search. */}
          <OptionList key={list.label} {...list} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
