"use client";
// A triage menu opened by shortcut over a list (the focused issue or the selection): centred, like
// Linear's, since there is no single button to hang it on.
import { Dialog } from "radix-ui";
import { OptionList, type OptionListProps } from "./option-list";
import { overlayClass } from "@/components/ui/styles";

export function OptionDialog({ open, onOpenChange, title, ...list }: OptionListProps & { open: boolean; onOpenChange: (open: boolean) => void; title: string }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClass} />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed left-1/2 top-[20vh] z-50 w-80 -translate-x-1/2 overflow-hidden rounded-lg border border-ink-200 bg-elevated shadow-xl focus:outline-none [&_[cmdk-root]]:w-full"
        >
          <Dialog.Title className="border-b border-ink-100 bg-ink-50 px-3 py-1.5 text-xs font-medium text-ink-600">{title}</Dialog.Title>
          {/* A new step (e.g. a new label's colour) starts with an empty search. */}
          <OptionList key={list.label} {...list} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
