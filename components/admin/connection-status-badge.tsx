import type { ConnectionStatus } from "@/lib/generated/prisma/enums";

const STYLE: Record<ConnectionStatus, string> = {
  ok: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/25",
  unknown: "bg-ink-50 text-ink-600 ring-ink-500/20",
  broken: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/25",
};
const LABEL: Record<ConnectionStatus, string> = { ok: "connected", unknown: "not used yet", broken: "broken" };

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span
      className={`inline-flex rounded-full px-1.5 py-px text-[11px] font-medium ring-1 ring-inset ${STYLE[status]}`}
    >
      {LABEL[status]}
    </span>
  );
}
