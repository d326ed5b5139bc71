import type { DeliveryOutcome } from "@/lib/generated/prisma/enums";

const TONE: Record<DeliveryOutcome, string> = {
  received: "bg-ink-100 text-ink-600",
  created: "bg-emerald-50 text-emerald-700 dark:bg-emerald-400/10 dark:text-emerald-300",
  deduplicated: "bg-sky-50 text-sky-700 dark:bg-sky-400/10 dark:text-sky-300",
  updated: "bg-violet-50 text-violet-700 dark:bg-violet-400/10 dark:text-violet-300",
  skipped: "bg-ink-100 text-ink-600",
  rejected: "bg-amber-50 text-amber-800 dark:bg-amber-400/10 dark:text-amber-300",
  failed: "bg-red-50 text-red-700 dark:bg-red-400/10 dark:text-red-300",
};

export function OutcomeBadge({ outcome }: { outcome: DeliveryOutcome }) {
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-[11px] font-medium ${TONE[outcome]}`}>{outcome}</span>
  );
}
