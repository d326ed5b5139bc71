"use client";
// The sidebar's "New issue" and "Search" buttons: the same dialogs as c and ⌘K.
import { Plus, Search } from "lucide-react";
import { useTriage } from "@/components/triage/triage-context";

const buttonClass =
  "inline-flex h-7 items-center gap-1.5 rounded-md text-[13px] focus-visible:outline-2 focus-visible:outline-focus-ring";

export function ShellActions() {
  const { openCreate, openPalette } = useTriage();
  return (
    <div className="flex items-center gap-1 px-2 pb-3">
      <button
        type="button"
        onClick={openCreate}
        className={`${buttonClass} flex-1 border border-ink-200 bg-surface px-2 font-medium text-ink-800 shadow-xs hover:bg-ink-50`}
        aria-keyshortcuts="c"
      >
        <Plus className="size-3.5 text-ink-500" aria-hidden /> New issue
        <kbd className="ml-auto font-sans text-[11px] text-ink-500">C</kbd>
      </button>
      <button
        type="button"
        onClick={openPalette}
        className={`${buttonClass} w-7 justify-center text-ink-500 hover:bg-ink-200/60 hover:text-ink-800`}
        aria-label="Command palette"
        aria-keyshortcuts="Control+K Meta+K"
        title="Command palette (⌘K)"
      >
        <Search className="size-3.5" aria-hidden />
      </button>
    </div>
  );
}
