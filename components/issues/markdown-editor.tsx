"use client";
// A markdown textarea with Write / Preview tabs. ⌘Enter or Ctrl+Enter saves; Esc cancels only while
// nothing has changed, so a stray Esc never throws away a long edit (Cancel does, deliberately).
import { useId, useLayoutEffect, useRef, useState } from "react";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { Markdown } from "./markdown";

type Tab = "write" | "preview";

/** Grows with its text up to 60% of the window, then scrolls; keeps the page where it was while measuring. */
function useAutosize(textarea: React.RefObject<HTMLTextAreaElement | null>, value: string, tab: Tab) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the text and the tab change the height the DOM reports.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    const scrollY = window.scrollY;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight + 2, Math.round(window.innerHeight * 0.6))}px`;
    window.scrollTo({ top: scrollY });
  }, [textarea, value, tab]);
}

export interface MarkdownEditorProps {
  label: string;
  initial: string;
  /** The stored text: Esc closes the editor only while the draft equals it. */
  saved: string;
  maxLength: number;
  onSave: (draft: string) => void;
  onCancel: () => void;
}

export function MarkdownEditor({ label, initial, saved, maxLength, onSave, onCancel }: MarkdownEditorProps) {
  const [draft, setDraft] = useState(initial);
  const [tab, setTab] = useState<Tab>("write");
  const [escHeld, setEscHeld] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // The preview keeps the writing area's height, so switching tabs does not make the page jump.
  const [writeHeight, setWriteHeight] = useState<number | undefined>(undefined);
  const id = useId();
  useAutosize(textarea, draft, tab);

  function choose(next: Tab) {
    if (next === "preview" && textarea.current) setWriteHeight(textarea.current.offsetHeight);
    setTab(next);
    if (next === "write") requestAnimationFrame(() => textarea.current?.focus());
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      onSave(draft);
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (draft === saved) onCancel();
      else setEscHeld(true);
    }
  }

  const tabClass = (active: boolean) =>
    `rounded px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-focus-ring ${active ? "bg-surface text-ink-900 shadow-xs ring-1 ring-ink-200" : "text-ink-500 hover:text-ink-800"}`;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Esc and Ctrl+Enter bubble up from the textarea and the tabs.
    <div
      onKeyDown={onKeyDown}
      className="rounded-lg border border-ink-200 bg-surface focus-within:border-indigo-400 focus-within:ring-2 focus-within:ring-indigo-500/15"
    >
      <div
        role="tablist"
        aria-label={`${label} editor`}
        className="flex gap-1 rounded-t-lg border-b border-ink-200 bg-ink-50 px-2 py-1.5"
        onKeyDown={(event) => {
          if (event.key === "ArrowLeft" || event.key === "ArrowRight") choose(tab === "write" ? "preview" : "write");
        }}
      >
        {(["write", "preview"] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${id}-${name}-tab`}
            aria-selected={tab === name}
            aria-controls={`${id}-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => choose(name)}
            className={tabClass(tab === name)}
          >
            {name === "write" ? "Write" : "Preview"}
          </button>
        ))}
      </div>
      {tab === "write" ? (
        <div role="tabpanel" id={`${id}-write`} aria-labelledby={`${id}-write-tab`}>
          <textarea
            ref={textarea}
            aria-label={label}
            value={draft}
            maxLength={maxLength}
            autoFocus
            onChange={(event) => {
              setDraft(event.target.value);
              setEscHeld(false);
            }}
            placeholder="Markdown is supported."
            className="block min-h-32 w-full resize-none overflow-y-auto bg-transparent px-4 py-3 font-mono text-[12px] leading-5 text-ink-900 placeholder:text-ink-400 focus:outline-none"
          />
        </div>
      ) : (
        <div
          role="tabpanel"
          id={`${id}-preview`}
          aria-labelledby={`${id}-preview-tab`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel without focusable content takes focus (WAI-ARIA tabs pattern).
          tabIndex={0}
          data-testid="markdown-preview"
          style={{ minHeight: writeHeight }}
          className="max-h-[60vh] min-h-32 overflow-y-auto px-4 py-3 focus:outline-none"
        >
          {draft.trim() ? (
            <Markdown>{draft}</Markdown>
          ) : (
            <p className="text-[13px] text-ink-500">Nothing to preview.</p>
          )}
        </div>
      )}
      <div className="flex items-center justify-between gap-3 border-t border-ink-100 px-3 py-2">
        <p className="min-w-0 text-[11px] text-ink-500" aria-live="polite">
          {escHeld ? (
            <span className="text-amber-700 dark:text-amber-400">Unsaved changes — Cancel discards them</span>
          ) : (
            <>⌘/Ctrl + Enter to save · Esc to close</>
          )}
        </p>
        <div className="flex shrink-0 gap-2">
          <button type="button" onClick={onCancel} className={`${secondaryButtonClass} py-1 text-xs`}>
            Cancel
          </button>
          <button type="button" onClick={() => onSave(draft)} className={`${primaryButtonClass} py-1 text-xs`}>
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
