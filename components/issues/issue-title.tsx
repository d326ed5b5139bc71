"use client";
// The issue's title, renamed in place: click it (or Enter/F2 on it), then Enter or leaving the field saves
// and Esc cancels. The new title shows at once; a refusal brings the old one back and says why.
import { useOptimistic, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { updateIssueAction } from "@/app/(app)/issues/triage-actions";
import { TITLE_MAX, titleSchema } from "@/lib/issues/issue-fields";

const headingClass = "break-words text-xl font-semibold tracking-tight text-ink-900";

export function IssueTitle({ identifier, title }: { identifier: string; title: string }) {
  const [shown, showTitle] = useOptimistic(title);
  const [editing, setEditing] = useState(false);
  const [, startTransition] = useTransition();
  const heading = useRef<HTMLButtonElement>(null);
  // Enter or Esc also blurs the field as it unmounts; only the first of them counts.
  const finished = useRef(false);

  function start() {
    finished.current = false;
    setEditing(true);
  }

  function finish(draft: string | null, refocus: boolean) {
    if (finished.current) return;
    finished.current = true;
    setEditing(false);
    if (refocus) requestAnimationFrame(() => heading.current?.focus());
    if (draft === null) return;
    const parsed = titleSchema.safeParse(draft);
    if (!parsed.success) {
      toast.error(parsed.error.issues[0]?.message ?? "That title cannot be saved");
      return;
    }
    if (parsed.data === shown) return;
    startTransition(async () => {
      showTitle(parsed.data);
      const result = await updateIssueAction(identifier, { title: parsed.data }).catch(() => ({
        ok: false as const,
        error: "Could not reach the server; the title was not saved",
      }));
      if (!result.ok) toast.error(`Title not saved: ${result.error}`);
    });
  }

  if (editing) {
    return (
      <input
        aria-label="Issue title"
        defaultValue={shown}
        maxLength={TITLE_MAX + 50}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onBlur={(event) => finish(event.currentTarget.value, false)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.nativeEvent.isComposing) {
            event.preventDefault();
            finish(event.currentTarget.value, true);
          } else if (event.key === "Escape") {
            event.preventDefault();
            finish(null, true);
          }
        }}
        className={`${headingClass} -mx-1.5 -my-0.5 block w-[calc(100%+0.75rem)] rounded-md border border-indigo-400 bg-surface px-1.5 py-0.5 outline-none ring-2 ring-indigo-500/15`}
      />
    );
  }

  return (
    <>
      <h1 className={headingClass}>
        <button
          ref={heading}
          type="button"
          onClick={start}
          onKeyDown={(event) => {
            if (event.key === "F2") {
              event.preventDefault();
              start();
            }
          }}
          aria-describedby="issue-title-hint"
          className="-mx-1.5 -my-0.5 cursor-text rounded-md px-1.5 py-0.5 text-left hover:bg-ink-100 focus-visible:outline-2 focus-visible:outline-focus-ring"
        >
          {shown}
        </button>
      </h1>
      {/* hidden text still serves as the description; it stays out of the heading's own text. */}
      <span id="issue-title-hint" hidden>
        Press Enter to rename
      </span>
    </>
  );
}
