import Link from "next/link";
import type { MappingView } from "@/lib/admin/mappings";
import { sourceName } from "@/lib/issues/vocabulary";
import { ConnectionStatusBadge } from "./connection-status-badge";
import { cellClass, Table } from "./table";

function Muted({ children }: { children: React.ReactNode }) {
  return <span className="text-ink-500">{children}</span>;
}

export function MappingsTable({ mappings }: { mappings: MappingView[] }) {
  return (
    <Table
      columns={["Source", "External project", "Project", "Jira", "GitHub", "On resolve"]}
      empty={mappings.length === 0 ? "No mappings yet: every source's items go to the default project." : undefined}
    >
      {mappings.map((mapping) => (
        <tr key={mapping.id} data-testid="mapping-row">
          <td className={cellClass}>
            {sourceName(mapping.source)}
            {mapping.hasWebhookToken && (
              <span className="ml-1.5 text-xs text-ink-500" title="Has a secret webhook URL">
                URL
              </span>
            )}
          </td>
          <td className={`${cellClass} font-mono text-xs`}>
            <Link href={`/admin/mappings/${mapping.id}`} className="text-ink-900 hover:text-link-hover hover:underline">
              {mapping.externalProject === "*" ? "* (fallback)" : mapping.externalProject}
            </Link>
          </td>
          <td className={cellClass}>
            <span className="font-medium text-ink-900">{mapping.project.key}</span>
            <span className="ml-2 text-ink-500">{mapping.project.name}</span>
          </td>
          <td className={cellClass}>
            {mapping.jiraProjectKey && mapping.jiraConnection ? (
              <span className="flex flex-col gap-0.5">
                <span>
                  <span className="font-medium text-ink-900">{mapping.jiraProjectKey}</span>
                  <span className="ml-1.5 text-ink-500">
                    {mapping.jiraIssueType}, ≤ {mapping.jiraTicketsPerHour}/h
                  </span>
                </span>
                <span className="inline-flex items-center gap-1.5 text-xs text-ink-500">
                  {mapping.jiraConnection.name} <ConnectionStatusBadge status={mapping.jiraConnection.status} />
                </span>
              </span>
            ) : (
              <Muted>—</Muted>
            )}
          </td>
          <td className={`${cellClass} font-mono text-xs`}>{mapping.githubRepo ?? <Muted>—</Muted>}</td>
          <td className={cellClass}>{mapping.onResolve}</td>
        </tr>
      ))}
    </Table>
  );
}
