import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/auth";
import { AdminCrumbs } from "@/components/admin/admin-crumbs";
import { OutcomeBadge } from "@/components/admin/outcome-badge";
import { ReplayButton } from "@/components/admin/replay-button";
import { cellClass, Table } from "@/components/admin/table";
import { Notice } from "@/components/ui/notice";
import { type DeliveryDetail, getDeliveryDetail } from "@/lib/admin/delivery-detail";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sourceName } from "@/lib/issues/vocabulary";
import { formatDateTime } from "@/lib/text/format-date-time";

export const metadata: Metadata = { title: "Delivery" };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-ink-500">{label}</dt>
      <dd className="mt-0.5 break-words text-[13px] text-ink-900">{children}</dd>
    </div>
  );
}

async function load(id: string): Promise<DeliveryDetail> {
  try {
    return await getDeliveryDetail(getDb(), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const delivery = await load((await params).id);
  return (
    <>
      <AdminCrumbs
        title={`${sourceName(delivery.source)} delivery`}
        trail={[{ href: "/admin/deliveries", label: "Deliveries" }]}
      />
      <div className="mx-auto max-w-5xl space-y-8 px-6 py-8">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label={delivery.kind === "refused" ? "Last seen" : "Received"}>
            {formatDateTime(delivery.receivedAt, { seconds: true })}
          </Fact>
          <Fact label="Outcome">
            <OutcomeBadge outcome={delivery.outcome} />
          </Fact>
          <Fact label="Issue">
            {delivery.issue ? (
              <Link href={`/issues/${delivery.issue.identifier}`} className="text-link hover:text-link-hover">
                {delivery.issue.identifier}
              </Link>
            ) : (
              "—"
            )}
          </Fact>
          <Fact label="External id">{delivery.externalId ?? "—"}</Fact>
          {delivery.reason && (
            <div className="col-span-full">
              <Fact label="Reason">{delivery.reason}</Fact>
            </div>
          )}
          {delivery.refused && (
            <>
              <Fact label="Endpoint">{delivery.refused.endpoint}</Fact>
              <Fact label="Client">{delivery.refused.clientAddress}</Fact>
              <Fact label="Times refused">{delivery.refused.count}</Fact>
              <Fact label="First seen">{formatDateTime(delivery.refused.firstSeenAt, { seconds: true })}</Fact>
            </>
          )}
          {delivery.replayOf && (
            <Fact label="Replay of">
              <Link href={`/admin/deliveries/${delivery.replayOf.id}`} className="text-link hover:text-link-hover">
                the delivery of {formatDateTime(delivery.replayOf.receivedAt, { seconds: true })}
              </Link>
            </Fact>
          )}
        </dl>

        {delivery.kind === "refused" ? (
          <Notice tone="info">
            Refused before it was authenticated: only its headers and the start of its body were kept, so it cannot be
            replayed.
          </Notice>
        ) : delivery.bodyPrunedAt ? (
          <Notice tone="info">
            The body was pruned by retention on {formatDateTime(delivery.bodyPrunedAt)}; the outcome above stays, but it
            can no longer be replayed.
          </Notice>
        ) : (
          <section aria-label="Replay" className="space-y-2">
            <p className="text-[13px] text-ink-500">
              Runs the stored body through the pipeline again as a new delivery. Dedup finds what it already created, so
              replaying is safe.
            </p>
            <ReplayButton deliveryId={delivery.id} />
          </section>
        )}

        {delivery.replays.length > 0 && (
          <section aria-label="Replays" className="space-y-2">
            <h2 className="text-sm font-medium text-ink-900">Replays</h2>
            <ul className="space-y-1 text-[13px]">
              {delivery.replays.map((replay) => (
                <li key={replay.id} className="flex items-center gap-2">
                  <Link href={`/admin/deliveries/${replay.id}`} className="text-link hover:text-link-hover">
                    {formatDateTime(replay.receivedAt, { seconds: true })}
                  </Link>
                  <OutcomeBadge outcome={replay.outcome} />
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-label="Headers" className="space-y-2">
          <h2 className="text-sm font-medium text-ink-900">Headers kept</h2>
          <Table
            columns={["Name", "Value"]}
            empty={Object.keys(delivery.headers).length === 0 ? "No headers were kept." : undefined}
          >
            {Object.entries(delivery.headers).map(([name, value]) => (
              <tr key={name}>
                <td className={`${cellClass} whitespace-nowrap font-mono text-xs text-ink-700`}>{name}</td>
                <td className={`${cellClass} break-all font-mono text-xs text-ink-900`}>{value}</td>
              </tr>
            ))}
          </Table>
        </section>

        {delivery.payload && (
          <section aria-label="Payload" className="space-y-2">
            <h2 className="text-sm font-medium text-ink-900">
              Payload{delivery.payload.truncated ? " (the start only)" : ""}
            </h2>
            <pre
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
              tabIndex={0}
              className="max-h-[32rem] overflow-auto rounded-lg border border-ink-200 bg-ink-50 p-3 font-mono text-xs text-ink-800"
            >
              {delivery.payload.text || "(empty)"}
            </pre>
          </section>
        )}
      </div>
    </>
  );
}
