import Link from "next/link";
import type { DeliveryRow } from "@/lib/admin/list-deliveries";
import { sourceName } from "@/lib/issues/vocabulary";
import { formatDateTime } from "@/lib/text/format-date-time";
import { OutcomeBadge } from "./outcome-badge";
import { cellClass, Table } from "./table";

export function DeliveriesTable({
  deliveries,
  empty = "No webhook deliveries yet.",
}: {
  deliveries: DeliveryRow[];
  empty?: string;
}) {
  return (
    <Table
      columns={["Received", "Source", "Outcome", "Reason", "Issue"]}
      empty={deliveries.length === 0 ? empty : undefined}
    >
      {deliveries.map((delivery) => (
        <tr key={delivery.id} data-testid="delivery-row">
          <td className={`${cellClass} whitespace-nowrap tabular-nums text-ink-600`}>
            <Link
              href={`/admin/deliveries/${delivery.id}`}
              className="text-link hover:text-link-hover"
              aria-label={`Delivery received ${formatDateTime(delivery.receivedAt, { seconds: true })}`}
            >
              {formatDateTime(delivery.receivedAt, { seconds: true })}
            </Link>
            {delivery.replayOfId && (
              <span className="ml-1.5 rounded bg-ink-100 px-1 py-0.5 text-[10px] font-medium text-ink-600">replay</span>
            )}
          </td>
          <td className={cellClass}>{sourceName(delivery.source)}</td>
          <td className={cellClass}>
            <OutcomeBadge outcome={delivery.outcome} />
          </td>
          <td className={`${cellClass} max-w-md break-words text-ink-600`}>
            {delivery.reason ?? <span className="text-ink-300">—</span>}
          </td>
          <td className={`${cellClass} whitespace-nowrap`}>
            {delivery.issue ? (
              <Link
                href={`/issues/${delivery.issue.identifier}`}
                className="font-medium text-link hover:text-link-hover"
              >
                {delivery.issue.identifier}
              </Link>
            ) : (
              <span className="text-ink-300">—</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
