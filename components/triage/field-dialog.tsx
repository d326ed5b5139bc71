"use client";
// A triage menu over the palette's target (the list's selection or focused row), opened by s/p/a/l on
// a list or from the palette.
import { FIELD_TITLE, type TriageField, useFieldMenu } from "./field-menus";
import { OptionDialog } from "./option-dialog";
import type { TriageTarget } from "./triage-context";

export function FieldDialog({ field, target, onClose }: { field: TriageField; target: TriageTarget; onClose: () => void }) {
  const menu = useFieldMenu(field, target.issues, onClose, target.onOptimistic);
  const [only] = target.issues;
  const subject = target.issues.length === 1 && only ? only.identifier : `${target.issues.length} issues`;
  return <OptionDialog {...menu} open onOpenChange={(open) => !open && onClose()} title={`${FIELD_TITLE[field]} · ${subject}`} />;
}
