"use client";
// The app shell's triage layer: global shortcuts (c, /, ?, ⌘K, and s/p/a/l over a list's target), the
// palette, the create dialog and the shortcuts sheet, and the picker options every menu shares.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { PickOptions } from "@/lib/issues/pick-options";
import { CommandPalette } from "./command-palette";
import { CreateIssueDialog } from "./create-issue-dialog";
import { FieldDialog } from "./field-dialog";
import { FIELD_KEY, type TriageField } from "./field-menus";
import { isTypingTarget, useShortcuts } from "./keyboard";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { TriageContext, type TriageContextValue, type TriageTarget } from "./triage-context";

export function TriageProvider({
  me,
  options: initialOptions,
  children,
}: {
  me: TriageContextValue["me"];
  options: PickOptions;
  children: React.ReactNode;
}) {
  const [options, setOptions] = useState(initialOptions);
  useEffect(() => setOptions(initialOptions), [initialOptions]);
  const [target, setTarget] = useState<TriageTarget | null>(null);
  const [createOpen, setCreateOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [field, setField] = useState<TriageField | null>(null);

  const addLabel = useCallback(
    (label: PickOptions["labels"][number]) =>
      setOptions((current) => ({
        ...current,
        labels: [...current.labels, label].sort((a, b) => a.name.localeCompare(b.name)),
      })),
    [],
  );
  const value = useMemo<TriageContextValue>(
    () => ({
      me,
      options,
      addLabel,
      openCreate: () => setCreateOpen(true),
      openPalette: () => setPaletteOpen(true),
      openShortcuts: () => setShortcutsOpen(true),
      openField: setField,
      setTarget,
    }),
    [me, options, addLabel],
  );

  useShortcuts(["c", "?", "/"], (key) => {
    if (key === "c") setCreateOpen(true);
    else if (key === "?") setShortcutsOpen(true);
    else {
      const search = document.getElementById("issue-search");
      if (search instanceof HTMLInputElement) search.focus();
      else setPaletteOpen(true);
    }
  });
  // s/p/a/l over a list's focused row or selection; the issue page opens its own property menus.
  useShortcuts(
    Object.keys(FIELD_KEY),
    (key) => setField(FIELD_KEY[key] ?? null),
    Boolean(target?.menus === "dialog" && target.issues.length > 0),
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "k" || !(event.metaKey || event.ctrlKey) || event.altKey) return;
      // ⌘K works from a text field too, as in Linear, but not over another dialog.
      if (
        isTypingTarget(event.target) &&
        event.target instanceof HTMLElement &&
        event.target.closest('[role="dialog"]')
      )
        return;
      event.preventDefault();
      setPaletteOpen((open) => !open);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <TriageContext.Provider value={value}>
      {children}
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} target={target} openField={setField} />
      <CreateIssueDialog open={createOpen} onOpenChange={setCreateOpen} />
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      {field && target && target.issues.length > 0 && (
        <FieldDialog field={field} target={target} onClose={() => setField(null)} />
      )}
    </TriageContext.Provider>
  );
}
