import Link from "next/link";
import type { JiraConnectionView } from "@/lib/admin/jira-connections";
import { formatDateTime } from "@/lib/text/format-date-time";
import { ConnectionStatusBadge } from "./connection-status-badge";
import { cellClass, Table } from "./table";

export function JiraConnectionsTable({ connections }: { connections: JiraConnectionView[] }) {
  return (
    <Table
      columns={["Name", "Site", "Status", "Mappings", "Inbound webhook"]}
      empty={connections.length === 0 ? "No Jira connections yet: add one under Jira connections." : undefined}
    >
      {connections.map((connection) => (
        <tr key={connection.id} data-testid="jira-connection-row">
          <td className={`${cellClass} font-medium text-ink-900`}>
            <Link href={`/admin/jira-connections/${connection.id}`} className="hover:text-link-hover hover:underline">
              {connection.name}
            </Link>
          </td>
          <td className={cellClass}>
            <span className="font-mono text-xs">{connection.baseUrl}</span>
            <span className="ml-1.5 text-xs text-ink-500">
              {connection.flavor === "cloud" ? "Cloud" : "Data Center"}
            </span>
          </td>
          <td className={cellClass}>
            <span className="flex flex-col items-start gap-0.5">
              <ConnectionStatusBadge status={connection.status} />
              {connection.statusReason && (
                <span className="max-w-80 text-xs text-red-600 dark:text-red-400">{connection.statusReason}</span>
              )}
              {connection.statusChangedAt && (
                <span className="text-xs text-ink-500">since {formatDateTime(connection.statusChangedAt)}</span>
              )}
            </span>
          </td>
          <td className={`${cellClass} tabular-nums`}>{connection.mappingCount}</td>
          <td className={cellClass}>
            {connection.hasWebhookSecret ? "signed" : <span className="text-ink-500">not set</span>}
          </td>
        </tr>
      ))}
    </Table>
  );
}
