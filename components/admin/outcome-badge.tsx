import type { DeliveryOutcome } from "@/lib/generated/prisma/enums";

const TONE: Record<DeliveryOutcome, string> = {
  received: "bg-zinc-100 text-zinc-600",
  created: "bg-emerald-50 text-emerald-700",
  deduplicated: "bg-sky-50 text-sky-700",
  updated: "bg-violet-50 text-violet-700",
  skipped: "bg-zinc-100 text-zinc-600",
  rejected: "bg-amber-50 text-amber-800",
  failed: "bg-red-50 text-red-700",
};

export function OutcomeBadge({ outcome }: { outcome: DeliveryOutcome }) {
  return <span className={`inline-flex rounded px-1.5 py-0.5 text-[11px] font-medium ${TONE[outcome]}`}>{outcome}</span>;
}
