import { Avatar } from "@/components/shell/avatar";
import type { IssueDetail } from "@/lib/issues/get-issue";
import { PRIORITY_LABEL, STATUS_LABEL } from "@/lib/issues/vocabulary";
import { formatDateTime } from "@/lib/text/format-date-time";
import { ExternalLinks } from "./external-links";
import { JiraTicket } from "./jira-ticket";
import { LabelChip } from "./label-chip";
import { PriorityIcon } from "./priority-icon";
import { StatusIcon } from "./status-icon";

function Property({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-start gap-2 py-1.5">
      <dt className="pt-px text-xs text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-[13px] text-zinc-800">{children}</dd>
    </div>
  );
}

export function IssueProperties({ issue }: { issue: IssueDetail }) {
  const assignee = issue.assignee ? (issue.assignee.name ?? issue.assignee.email) : null;
  return (
    <dl aria-label="Properties">
      <Property label="Status">
        <span className="inline-flex items-center gap-2" data-testid="issue-status">
          <StatusIcon status={issue.status} decorative />
          {STATUS_LABEL[issue.status]}
        </span>
      </Property>
      <Property label="Priority">
        <span className="inline-flex items-center gap-2" data-testid="issue-priority">
          <PriorityIcon priority={issue.priority} decorative />
          {PRIORITY_LABEL[issue.priority]}
          <span className="text-xs text-zinc-400">{issue.priority}</span>
        </span>
      </Property>
      <Property label="Assignee">
        {assignee ? (
          <span className="inline-flex min-w-0 items-center gap-2"><Avatar name={assignee} size="xs" /><span className="truncate">{assignee}</span></span>
        ) : (
          <span className="text-zinc-400">Unassigned</span>
        )}
      </Property>
      <Property label="Labels">
        {issue.labels.length > 0 ? (
          <span className="flex flex-wrap gap-1">
            {issue.labels.map(({ label }) => <LabelChip key={label.name} name={label.name} color={label.color} />)}
          </span>
        ) : (
          <span className="text-zinc-400">None</span>
        )}
      </Property>
      <Property label="Project">{issue.project.name} <span className="text-xs text-zinc-400">{issue.project.key}</span></Property>
      <Property label="Created"><time dateTime={issue.createdAt.toISOString()}>{formatDateTime(issue.createdAt)}</time></Property>
      <Property label="Updated"><time dateTime={issue.updatedAt.toISOString()}>{formatDateTime(issue.updatedAt)}</time></Property>
      <Property label="Links"><ExternalLinks links={issue.externalIssues} /></Property>
      {issue.jiraTicket && <Property label="Jira"><JiraTicket ticket={issue.jiraTicket} showDetail /></Property>}
    </dl>
  );
}
