"use client";
// A centred modal sheet over a dimmed page (the create dialog, the shortcut menus, the shortcuts sheet):
// Radix Dialog's focus trap, Esc and outside click; each caller gives its size and contents.
import { Dialog } from "radix-ui";
import { overlayClass } from "./styles";

export function ModalSheet({
  open,
  onOpenChange,
  className,
  onKeyDown,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Position, size and frame of the sheet. */
  className: string;
  onKeyDown?: React.KeyboardEventHandler<HTMLDivElement>;
  children: React.ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClass} />
        <Dialog.Content
          aria-describedby={undefined}
          className={`fixed left-1/2 z-50 -translate-x-1/2 border border-ink-200 bg-elevated focus:outline-none ${className}`}
          onKeyDown={onKeyDown}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
