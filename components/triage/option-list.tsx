"use client";
// The searchable list inside every triage menu (status, priority, assignee, labels): typing filters,
// arrows move, Enter picks — cmdk's listbox, so roles and focus are right for screen readers too.
import { Command } from "cmdk";
import { Check, Plus } from "lucide-react";
import { useState } from "react";

export interface Option {
  value: string;
  label: string;
  icon?: React.ReactNode;
  /** Extra words the filter matches (an email, "P1"). */
  keywords?: string[];
  hint?: string;
  /** A single-key pick (1–6 for statuses, 0–4 for priorities), as in Linear. */
  shortcut?: string;
}

export interface OptionListProps {
  label: string;
  placeholder: string;
  options: Option[];
  selected: ReadonlySet<string>;
  onPick: (value: string) => void;
  /** Offered when the typed text matches no option exactly (e.g. create a label). */
  onCreate?: (text: string) => void;
  createLabel?: (text: string) => string;
}

export function OptionList({ label, placeholder, options, selected, onPick, onCreate, createLabel }: OptionListProps) {
  const [search, setSearch] = useState("");
  const typed = search.trim();
  const exact = options.some((option) => option.label.toLowerCase() === typed.toLowerCase());
  return (
    <Command
      label={label}
      className="w-64 text-[13px]"
      onKeyDown={(event) => {
        // Digits pick directly while the search box is empty, as Linear's menus do.
        if (typed !== "" || event.metaKey || event.ctrlKey) return;
        const option = options.find((candidate) => candidate.shortcut === event.key);
        if (option) {
          event.preventDefault();
          onPick(option.value);
        }
      }}
    >
      <Command.Input
        value={search}
        onValueChange={setSearch}
        placeholder={placeholder}
        autoFocus
        className="w-full border-b border-ink-200 bg-transparent px-3 py-2 text-[13px] text-ink-900 placeholder:text-ink-400 focus:outline-none"
      />
      <Command.List className="max-h-72 overflow-y-auto p-1">
        <Command.Empty className="px-2 py-3 text-center text-xs text-ink-500">No match</Command.Empty>
        {options.map((option) => (
          <Command.Item
            key={option.value}
            value={`${option.label} ${option.value}`}
            keywords={option.keywords}
            onSelect={() => onPick(option.value)}
            className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-ink-800 data-[selected=true]:bg-ink-100"
          >
            {option.icon}
            <span className="min-w-0 flex-1 truncate">{option.label}</span>
            {option.hint && <span className="shrink-0 text-xs text-ink-500">{option.hint}</span>}
            {selected.has(option.value) && <Check className="size-3.5 shrink-0 text-ink-600" aria-label="selected" />}
            {option.shortcut && (
              <kbd className="w-3 shrink-0 text-center font-sans text-[11px] text-ink-500">{option.shortcut}</kbd>
            )}
          </Command.Item>
        ))}
        {onCreate && typed !== "" && !exact && (
          <Command.Item
            value={`create ${typed}`}
            forceMount
            onSelect={() => onCreate(typed)}
            className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-ink-800 data-[selected=true]:bg-ink-100"
          >
            <Plus className="size-3.5 text-ink-500" aria-hidden />
            <span className="truncate">{createLabel ? createLabel(typed) : `Create “${typed}”`}</span>
          </Command.Item>
        )}
      </Command.List>
    </Command>
  );
}
