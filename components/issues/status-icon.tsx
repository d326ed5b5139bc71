import { Circle, CircleCheck, CircleDashed, CircleDotDashed, CircleX, Contrast, type LucideIcon } from "lucide-react";
import type { IssueStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABEL } from "@/lib/issues/vocabulary";

const ICONS: Record<IssueStatus, { icon: LucideIcon; className: string }> = {
  triage: { icon: CircleDotDashed, className: "text-orange-500" },
  backlog: { icon: CircleDashed, className: "text-ink-500" },
  todo: { icon: Circle, className: "text-ink-500" },
  in_progress: { icon: Contrast, className: "text-amber-500" },
  done: { icon: CircleCheck, className: "text-indigo-600 dark:text-indigo-400" },
  canceled: { icon: CircleX, className: "text-ink-500" },
};

export function StatusIcon({ status, decorative = false }: { status: IssueStatus; decorative?: boolean }) {
  const { icon: Icon, className } = ICONS[status];
  return (
    <span title={STATUS_LABEL[status]} className="inline-flex shrink-0">
      <Icon className={`size-3.5 ${className}`} strokeWidth={2.25} aria-hidden />
      {!decorative && <span className="sr-only">{STATUS_LABEL[status]}</span>}
    </span>
  );
}
