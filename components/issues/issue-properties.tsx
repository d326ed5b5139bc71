import type { IssueDetail } from "@/lib/issues/get-issue";
import { formatDateTime } from "@/lib/text/format-date-time";
import { EditableProperties } from "./editable-properties";
import { ExternalLinks } from "./external-links";
import { JiraTicket } from "./jira-ticket";
import { Property } from "./property";

export function IssueProperties({ issue }: { issue: IssueDetail }) {
  return (
    <dl aria-label="Properties">
      <EditableProperties
        issue={{
          id: issue.id,
          identifier: issue.identifier,
          title: issue.title,
          status: issue.status,
          priority: issue.priority,
          assigneeId: issue.assigneeId,
          labelIds: issue.labels.map(({ label }) => label.id),
        }}
      />
      <Property label="Project">
        {issue.project.name} <span className="text-xs text-ink-500">{issue.project.key}</span>
      </Property>
      <Property label="Created">
        <time dateTime={issue.createdAt.toISOString()}>{formatDateTime(issue.createdAt)}</time>
      </Property>
      <Property label="Updated">
        <time dateTime={issue.updatedAt.toISOString()}>{formatDateTime(issue.updatedAt)}</time>
      </Property>
      <Property label="Links">
        <ExternalLinks links={issue.externalIssues} />
      </Property>
      {issue.jiraTicket && (
        <Property label="Jira">
          <JiraTicket ticket={issue.jiraTicket} showDetail />
        </Property>
      )}
    </dl>
  );
}
