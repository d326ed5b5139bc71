"use client";
// A triage menu over the palette's target (the list's selection or focused row), opened by s/p/a/l on
// a list or from the palette.
import { FIELD_TITLE, type TriageField, useFieldMenu } from "./field-menus";
import { OptionDialog } from "./option-dialog";
import type { TriageTarget } from "./triage-context";

export function FieldDialog({
  field,
  target,
  onClose,
}: {
  field: TriageField;
  target: TriageTarget;
  onClose: () => void;
}) {
  const menu = useFieldMenu(field, target, onClose);
  const count = target.ids?.length ?? target.issues.length;
  const [only] = target.issues;
  const subject = count === 1 && only ? only.identifier : `${count.toLocaleString("en")} issues`;
  return (
    <OptionDialog
      {...menu}
      open
      onOpenChange={(open) => !open && onClose()}
      title={`${FIELD_TITLE[field]} · ${subject}`}
    />
  );
}
