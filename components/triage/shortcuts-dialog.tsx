"use client";
// "?": every keyboard shortcut on one sheet.
import { Dialog } from "radix-ui";

const GROUPS: { title: string; keys: [string, string][] }[] = [
  { title: "Everywhere", keys: [["⌘K / Ctrl K", "Command palette"], ["C", "New issue"], ["/", "Search issues"], ["?", "Keyboard shortcuts"]] },
  { title: "Issue list", keys: [["J / K", "Next / previous issue"], ["Enter", "Open issue"], ["X", "Select issue"], ["Shift click", "Select a range"], ["Esc", "Clear selection"]] },
  { title: "Focused, open or selected issues", keys: [["S", "Change status"], ["P", "Change priority"], ["A", "Assign"], ["L", "Labels"]] },
  { title: "Issue page", keys: [["Esc", "Back to the list"]] },
  { title: "Menus and dialogs", keys: [["Type", "Filter options"], ["↑ / ↓", "Move"], ["Enter", "Pick"], ["1–6", "Pick by number"], ["⌘Enter / Ctrl Enter", "Submit a form"], ["Esc", "Close"]] },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/20" />
        <Dialog.Content aria-describedby={undefined} className="fixed left-1/2 top-[12vh] z-50 max-h-[76vh] w-[26rem] -translate-x-1/2 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-5 shadow-xl focus:outline-none">
          <Dialog.Title className="text-sm font-semibold text-zinc-900">Keyboard shortcuts</Dialog.Title>
          {GROUPS.map((group) => (
            <section key={group.title} className="mt-4">
              <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-500">{group.title}</h3>
              <dl className="divide-y divide-zinc-100">
                {group.keys.map(([keys, action]) => (
                  <div key={action} className="flex items-center justify-between py-1.5 text-[13px]">
                    <dt className="text-zinc-700">{action}</dt>
                    <dd><kbd className="rounded border border-zinc-200 bg-zinc-50 px-1.5 py-0.5 font-sans text-[11px] text-zinc-600">{keys}</kbd></dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
