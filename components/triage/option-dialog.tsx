"use client";
// A triage menu opened by shortcut over a list (the focused issue or the selection): centred, like
// Linear's, since there is no single button to hang it on.
import { Dialog } from "radix-ui";
import { OptionList, type OptionListProps } from "./option-list";

export function OptionDialog({ open, onOpenChange, title, ...list }: OptionListProps & { open: boolean; onOpenChange: (open: boolean) => void; title: string }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/20" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed left-1/2 top-[20vh] z-50 w-80 -translate-x-1/2 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xl focus:outline-none [&_[cmdk-root]]:w-full"
        >
          <Dialog.Title className="border-b border-zinc-100 bg-zinc-50 px-3 py-1.5 text-xs font-medium text-zinc-600">{title}</Dialog.Title>
          {/* A new step (e.g. a new label's colour) starts with an empty search. */}
          <OptionList key={list.label} {...list} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
