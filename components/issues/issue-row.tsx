import Link from "next/link";
import type { IssueListItem } from "@/lib/issues/list-issues";
import { sourceName } from "@/lib/issues/vocabulary";
import { formatAge } from "@/lib/text/format-age";
import { formatDateTime } from "@/lib/text/format-date-time";
import { LabelChip } from "./label-chip";
import { PriorityIcon } from "./priority-icon";
import { StatusIcon } from "./status-icon";

export function IssueRow({ issue, now }: { issue: IssueListItem; now: Date }) {
  return (
    <li>
      <Link
        href={`/issues/${issue.identifier}`}
        data-testid="issue-row"
        className="flex h-10 items-center gap-3 border-b border-zinc-100 px-6 text-[13px] hover:bg-zinc-50 focus-visible:bg-zinc-50 focus-visible:outline-none"
      >
        <PriorityIcon priority={issue.priority} />
        <span className="w-20 shrink-0 truncate text-xs tabular-nums text-zinc-500">{issue.identifier}</span>
        <StatusIcon status={issue.status} />
        <span className="min-w-0 flex-1 truncate font-medium text-zinc-900">{issue.title}</span>
        <span className="hidden shrink-0 items-center gap-1 md:flex">
          {issue.labels.map(({ label }) => (
            <LabelChip key={label.name} name={label.name} color={label.color} />
          ))}
        </span>
        <span className="hidden w-16 shrink-0 truncate text-right text-xs text-zinc-500 sm:block">
          {issue.externalIssues.map((link) => sourceName(link.source)).join(", ")}
        </span>
        <time dateTime={issue.createdAt.toISOString()} title={formatDateTime(issue.createdAt)} className="w-9 shrink-0 text-right text-xs tabular-nums text-zinc-500">
          {formatAge(issue.createdAt, now)}
        </time>
      </Link>
    </li>
  );
}
