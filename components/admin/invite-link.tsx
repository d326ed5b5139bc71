"use client";
// A freshly made invite link, shown once (only its hash is stored), with a copy button.
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { secondaryButtonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/lib/text/format-date-time";

export function InviteLink({ email, token, expiresAt }: { email: string; token: string; expiresAt: Date }) {
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}/invite/${token}`;
  const copy = async () => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  };
  return (
    <div
      role="status"
      className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-[13px] text-emerald-900 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-200"
    >
      <p>
        Send this link to <strong>{email}</strong>. It works once, until {formatDateTime(new Date(expiresAt))}, and is
        not shown again.
      </p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          value={url}
          aria-label={`Invite link for ${email}`}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-emerald-300 bg-surface px-2 py-1 font-mono text-xs text-ink-900 dark:border-emerald-400/30"
        />
        <button type="button" onClick={copy} className={`${secondaryButtonClass} px-2 py-1 text-xs`}>
          {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
    </div>
  );
}
