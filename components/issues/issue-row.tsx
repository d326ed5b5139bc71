import Link from "next/link";
import type { Segment } from "@/lib/issues/highlight";
import type { IssueListItem } from "@/lib/issues/list-issues";
import { sourceName } from "@/lib/issues/vocabulary";
import { formatAge } from "@/lib/text/format-age";
import { formatDateTime } from "@/lib/text/format-date-time";
import { JiraTicket } from "./jira-ticket";
import { LabelChip } from "./label-chip";
import { PriorityIcon } from "./priority-icon";
import { StatusIcon } from "./status-icon";

// Search highlights arrive as text segments, rendered as text nodes: a title cannot inject markup.
function Segments({ segments }: { segments: Segment[] }) {
  return segments.map((segment, index) =>
    segment.match ? (
      <mark key={index} className="rounded-sm bg-amber-100 text-inherit">
        {segment.text}
      </mark>
    ) : (
      <span key={index}>{segment.text}</span>
    ),
  );
}

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
          <Segments segments={issue.highlight.title} />
        </Link>
        {issue.highlight.snippet && (
          <span className="hidden min-w-0 max-w-[40%] shrink truncate text-xs text-zinc-500 md:block" data-testid="issue-snippet">
            <Segments segments={issue.highlight.snippet} />
          </span>
        )}
        <span className="hidden shrink-0 items-center gap-1 md:flex">
          {issue.labels.map((label) => (
            <LabelChip key={label.name} name={label.name} color={label.color} />
          ))}
        </span>
        <span className="hidden w-16 shrink-0 truncate text-right text-xs text-zinc-500 sm:block">
          {issue.source === "manual" ? "" : sourceName(issue.source)}
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
