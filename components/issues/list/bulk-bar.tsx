"use client";
// Shown while rows are selected: what the selection is, the four bulk changes, and "select all N
// matching" (every issue the current filters match, not just this page).
// A dark bar in both themes, so literal zinc rather than the ink scale that flips.
import { X } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { resolveMatchingAction } from "@/app/(app)/issues/triage-actions";
import { FIELD_TITLE, type TriageField } from "@/components/triage/field-menus";
import { useTriage } from "@/components/triage/triage-context";
import type { CappedCount } from "@/lib/issues/issue-list-sql";

const buttonClass =
  "inline-flex h-7 items-center rounded-md px-2 text-xs font-medium text-zinc-100 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-indigo-300";
const FIELDS: [TriageField, string][] = [
  ["status", "S"],
  ["priority", "P"],
  ["assignee", "A"],
  ["labels", "L"],
];

export function BulkBar({
  selected,
  shown,
  total,
  allMatching,
  onSelectAllMatching,
  onClear,
}: {
  selected: number;
  shown: number;
  total: CappedCount;
  allMatching: string[] | null;
  onSelectAllMatching: (ids: string[]) => void;
  onClear: () => void;
}) {
  const { openField } = useTriage();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const count = allMatching?.length ?? selected;
  const more = !allMatching && selected === shown && (total.capped || total.count > shown);

  const selectAll = () =>
    startTransition(async () => {
      const result = await resolveMatchingAction(Object.fromEntries(searchParams.entries()));
      if (!result.ok) return void toast.error(result.error);
      onSelectAllMatching(result.value.ids);
      if (result.value.truncated)
        toast.info(`Selected the first ${result.value.ids.length.toLocaleString("en")} matching issues`);
    });

  return (
    <div
      role="toolbar"
      aria-label="Bulk actions"
      className="fixed bottom-5 left-1/2 z-30 flex -translate-x-1/2 items-center gap-1 rounded-lg bg-zinc-900 px-2 py-1.5 text-zinc-100 shadow-xl dark:bg-zinc-800 dark:ring-1 dark:ring-white/10"
      data-testid="bulk-bar"
    >
      <span className="px-2 text-xs tabular-nums" data-testid="bulk-count">
        {count.toLocaleString("en")} selected
      </span>
      <span className="mx-1 h-4 w-px bg-zinc-700" aria-hidden />
      {FIELDS.map(([field, key]) => (
        <button
          key={field}
          type="button"
          className={buttonClass}
          onClick={() => openField(field)}
          aria-keyshortcuts={key.toLowerCase()}
        >
          {FIELD_TITLE[field].replace("Change ", "").replace(/^./, (first) => first.toUpperCase())}
          <kbd className="ml-1.5 font-sans text-[10px] text-zinc-500">{key}</kbd>
        </button>
      ))}
      {more && (
        <>
          <span className="mx-1 h-4 w-px bg-zinc-700" aria-hidden />
          <button type="button" className={buttonClass} onClick={selectAll} disabled={pending}>
            {pending
              ? "Selecting…"
              : `Select all ${total.count.toLocaleString("en")}${total.capped ? "+" : ""} matching`}
          </button>
        </>
      )}
      <button
        type="button"
        className={`${buttonClass} ml-1 px-1.5`}
        onClick={onClear}
        aria-label="Clear selection"
        title="Clear selection (Esc)"
      >
        <X className="size-3.5" aria-hidden />
      </button>
    </div>
  );
}
