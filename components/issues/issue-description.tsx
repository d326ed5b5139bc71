"use client";
// The issue's description, edited in place with the markdown editor. Saving shows the new text at once;
// a refusal brings the old text back, says why and reopens the editor with the draft, so nothing typed is lost.
import { Pencil } from "lucide-react";
import { useOptimistic, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { updateIssueAction } from "@/app/(app)/issues/triage-actions";
import { DESCRIPTION_MAX, descriptionSchema } from "@/lib/issues/issue-fields";
import { Markdown } from "./markdown";
import { MarkdownEditor } from "./markdown-editor";

export function IssueDescription({ identifier, description }: { identifier: string; description: string }) {
  const [shown, showDescription] = useOptimistic(description);
  /** The text the editor opens with; null while it is closed. */
  const [editorText, setEditorText] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const opener = useRef<HTMLButtonElement>(null);

  function close() {
    setEditorText(null);
    requestAnimationFrame(() => opener.current?.focus());
  }

  function save(draft: string) {
    const parsed = descriptionSchema.safeParse(draft);
    if (!parsed.success) {
      toast.error(parsed.error.issues[0]?.message ?? "That description cannot be saved");
      return;
    }
    close();
    if (parsed.data === shown) return;
    startTransition(async () => {
      showDescription(parsed.data);
      const result = await updateIssueAction(identifier, { description: parsed.data }).catch(() => ({
        ok: false as const,
        error: "Could not reach the server",
      }));
      if (!result.ok) {
        toast.error(`Description not saved: ${result.error}`);
        setEditorText(draft);
      }
    });
  }

  if (editorText !== null) {
    return (
      <MarkdownEditor
        label="Description"
        initial={editorText}
        saved={shown}
        maxLength={DESCRIPTION_MAX}
        onSave={save}
        onCancel={close}
      />
    );
  }
  if (!shown.trim()) {
    return (
      <button
        ref={opener}
        type="button"
        onClick={() => setEditorText("")}
        className="-mx-2 block w-[calc(100%+1rem)] rounded-md px-2 py-1.5 text-left text-[13px] text-ink-500 hover:bg-ink-50 hover:text-ink-600 focus-visible:outline-2 focus-visible:outline-focus-ring"
      >
        Add a description…
      </button>
    );
  }
  return (
    <div className="flow-root">
      <button
        ref={opener}
        type="button"
        onClick={() => setEditorText(shown)}
        aria-label="Edit description"
        className="float-right mb-2 ml-4 inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-ink-500 hover:bg-ink-100 hover:text-ink-800 focus-visible:outline-2 focus-visible:outline-focus-ring"
      >
        <Pencil className="size-3" aria-hidden />
        Edit
      </button>
      <Markdown>{shown}</Markdown>
    </div>
  );
}
