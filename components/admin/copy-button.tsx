"use client";
// A value to paste elsewhere (a webhook URL, a secret shown once) with a button that copies it.
import { Check, Copy } from "lucide-react";
import { useState } from "react";

export function CopyField({ label, value, secret = false }: { label: string; value: string; secret?: boolean }) {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setFailed(false);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setFailed(true);
    }
  }
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-ink-700">{label}</p>
      <div className="flex items-stretch gap-2">
        <code
          data-testid={`copy-value-${label}`}
          className={`min-w-0 flex-1 break-all rounded-md border border-ink-200 bg-ink-50 px-3 py-2 font-mono text-xs text-ink-800 ${secret ? "select-all" : ""}`}
        >
          {value}
        </code>
        <button
          type="button"
          onClick={copy}
          aria-label={`Copy ${label}`}
          className="inline-flex shrink-0 items-center gap-1.5 rounded-md border border-ink-300 bg-surface px-2.5 text-xs font-medium text-ink-700 hover:bg-ink-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus-ring"
        >
          {copied ? (
            <Check className="size-3.5 text-emerald-600 dark:text-emerald-400" aria-hidden />
          ) : (
            <Copy className="size-3.5" aria-hidden />
          )}
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      {failed && (
        <p className="mt-1 text-xs text-red-600 dark:text-red-400">
          The browser refused the clipboard; select the text and copy it.
        </p>
      )}
      <span role="status" className="sr-only">
        {copied ? `${label} copied` : ""}
      </span>
    </div>
  );
}
