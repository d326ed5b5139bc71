"use client";
import { X } from "lucide-react";
// "?": every keyboard shortcut on one sheet.
import { Dialog } from "radix-ui";
import { ModalSheet } from "@/components/ui/modal-sheet";

const GROUPS: { title: string; keys: [string, string][] }[] = [
  {
    title: "Everywhere",
    keys: [
      ["⌘K / Ctrl K", "Command palette"],
      ["C", "New issue"],
      ["/", "Search issues"],
      ["?", "Keyboard shortcuts"],
    ],
  },
  {
    title: "Issue list",
    keys: [
      ["J / K", "Next / previous issue"],
      ["Enter", "Open issue"],
      ["X", "Select issue"],
      ["Shift click", "Select a range"],
      ["Esc", "Clear selection"],
    ],
  },
  {
    title: "Focused, open or selected issues",
    keys: [
      ["S", "Change status"],
      ["P", "Change priority"],
      ["A", "Assign"],
      ["L", "Labels"],
    ],
  },
  { title: "Issue page", keys: [["Esc", "Back to the list"]] },
  {
    title: "Menus and dialogs",
    keys: [
      ["Type", "Filter options"],
      ["↑ / ↓", "Move"],
      ["Enter", "Pick"],
      ["1–6", "Pick by number"],
      ["⌘Enter / Ctrl Enter", "Submit a form"],
      ["Esc", "Close"],
    ],
  },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <ModalSheet
      open={open}
      onOpenChange={onOpenChange}
      className="top-[12vh] max-h-[76vh] w-[26rem] overflow-y-auto rounded-lg p-5 shadow-xl"
    >
      <div className="flex items-center justify-between">
        <Dialog.Title className="text-sm font-semibold text-ink-900">Keyboard shortcuts</Dialog.Title>
        {/* Also gives the scrolling sheet a focusable child, so it can be scrolled by keyboard. */}
        <Dialog.Close
          className="inline-flex size-6 items-center justify-center rounded text-ink-500 hover:bg-ink-100 hover:text-ink-900 focus-visible:outline-2 focus-visible:outline-focus-ring"
          aria-label="Close"
        >
          <X className="size-3.5" aria-hidden />
        </Dialog.Close>
      </div>
      {GROUPS.map((group) => (
        <section key={group.title} className="mt-4">
          <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-ink-500">{group.title}</h3>
          <dl className="divide-y divide-ink-100">
            {group.keys.map(([keys, action]) => (
              <div key={action} className="flex items-center justify-between py-1.5 text-[13px]">
                <dt className="text-ink-700">{action}</dt>
                <dd>
                  <kbd className="rounded border border-ink-200 bg-ink-50 px-1.5 py-0.5 font-sans text-[11px] text-ink-600">
                    {keys}
                  </kbd>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </ModalSheet>
  );
}
