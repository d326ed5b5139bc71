import type { AuditEntryView } from "@/lib/admin/audit-log";
import { formatDateTime } from "@/lib/text/format-date-time";
import { cellClass, Table } from "./table";

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

export function AuditTable({ entries, empty }: { entries: AuditEntryView[]; empty: string }) {
  return (
    <Table columns={["When", "Who", "What", "Target", "Details"]} empty={entries.length === 0 ? empty : undefined}>
      {entries.map((entry) => (
        <tr key={entry.id} data-testid="audit-row">
          <td className={`${cellClass} whitespace-nowrap tabular-nums text-ink-600`}>
            {formatDateTime(entry.createdAt, { seconds: true })}
          </td>
          <td className={`${cellClass} text-ink-800`}>
            {entry.actor ? (entry.actor.name ?? entry.actor.email) : <span className="text-ink-500">Tracker</span>}
          </td>
          <td className={`${cellClass} whitespace-nowrap font-mono text-xs text-ink-900`}>{entry.action}</td>
          <td className={`${cellClass} text-ink-700`}>{entry.targetName ?? entry.targetType}</td>
          <td className={`${cellClass} max-w-md break-words text-xs text-ink-600`}>
            {describeDetails(entry.details) || <span className="text-ink-300">—</span>}
          </td>
        </tr>
      ))}
    </Table>
  );
}
