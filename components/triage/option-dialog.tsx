"use client";
// A triage menu opened by shortcut over a list (the focused issue or the selection): centred, like
// Linear's, since there is no single button to hang it on.
import { Dialog } from "radix-ui";
import { ModalSheet } from "@/components/ui/modal-sheet";
import { OptionList, type OptionListProps } from "./option-list";

export function OptionDialog({
  open,
  onOpenChange,
  title,
  ...list
}: OptionListProps & { open: boolean; onOpenChange: (open: boolean) => void; title: string }) {
  return (
    <ModalSheet
      open={open}
      onOpenChange={onOpenChange}
      className="top-[20vh] w-80 overflow-hidden rounded-lg shadow-xl [&_[cmdk-root]]:w-full"
    >
      <Dialog.Title className="border-b border-ink-100 bg-ink-50 px-3 py-1.5 text-xs font-medium text-ink-600">
        {title}
      </Dialog.Title>
      {/* A new step (e.g. a new label's colour) starts with an empty search. */}
      <OptionList key={list.label} {...list} />
    </ModalSheet>
  );
}
