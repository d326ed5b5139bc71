import Link from "next/link";
import type { IssueListItem } from "@/lib/issues/list-issues";
import { sourceName } from "@/lib/issues/vocabulary";
import { formatAge } from "@/lib/text/format-age";
import { formatDateTime } from "@/lib/text/format-date-time";
import { JiraTicket } from "./jira-ticket";
import { LabelChip } from "./label-chip";
import { PriorityIcon } from "./priority-icon";
import { StatusIcon } from "./status-icon";

export function IssueRow({ issue, now }: { issue: IssueListItem; now: Date }) {
  return (
    // The whole row opens the issue (the title link's overlay); the ticket key is its own link above it.
    <li className="relative flex h-10 items-center gap-3 border-b border-zinc-100 px-6 text-[13px] hover:bg-zinc-50 has-[a:focus-visible]:bg-zinc-50" data-testid="issue-row">
        <PriorityIcon priority={issue.priority} />
        <span className="w-20 shrink-0 truncate text-xs tabular-nums text-zinc-500">{issue.identifier}</span>
        <StatusIcon status={issue.status} />
        <Link
          href={`/issues/${issue.identifier}`}
          className="min-w-0 flex-1 truncate font-medium text-zinc-900 after:absolute after:inset-0 focus-visible:outline-none"
        >
          {issue.title}
        </Link>
        <span className="hidden shrink-0 items-center gap-1 md:flex">
          {issue.labels.map(({ label }) => (
            <LabelChip key={label.name} name={label.name} color={label.color} />
          ))}
        </span>
        <span className="hidden w-16 shrink-0 truncate text-right text-xs text-zinc-500 sm:block">
          {issue.externalIssues.map((link) => sourceName(link.source)).join(", ")}
        </span>
        <span className="hidden w-36 shrink-0 truncate text-right text-xs lg:block" data-testid="issue-ticket">
          <JiraTicket ticket={issue.jiraTicket} />
        </span>
        <time dateTime={issue.createdAt.toISOString()} title={formatDateTime(issue.createdAt)} className="w-9 shrink-0 text-right text-xs tabular-nums text-zinc-500">
          {formatAge(issue.createdAt, now)}
        </time>
    </li>
  );
}
