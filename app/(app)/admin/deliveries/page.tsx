import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/auth";
import { AdminCrumbs } from "@/components/admin/admin-crumbs";
import { DeliveriesTable } from "@/components/admin/deliveries-table";
import { DeliveryFilterForm, type DeliveryFilterValues } from "@/components/admin/delivery-filter-form";
import { ReplayAllButton } from "@/components/admin/replay-all-button";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";
import {
  type DeliveryFilter,
  type DeliveryPage,
  listDeliveryPage,
  parseDeliveryFilter,
} from "@/lib/admin/list-deliveries";
import { listRecentReplays } from "@/lib/admin/replay-failed-deliveries";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Deliveries" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const FIELDS = ["source", "outcome", "from", "to", "issue"] as const;

export default async function DeliveriesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await searchParams;
  const values: DeliveryFilterValues = Object.fromEntries(
    FIELDS.flatMap((field) => {
      const value = params[field];
      const text = Array.isArray(value) ? value[0] : value;
      return text ? [[field, text]] : [];
    }),
  );
  let filter: DeliveryFilter | null = null;
  let error: string | null = null;
  try {
    filter = parseDeliveryFilter(params);
  } catch (failure) {
    if (!(failure instanceof AppError)) throw failure;
    error = failure.publicMessage;
  }
  const db = getDb();
  const [page, replays]: [DeliveryPage, Awaited<ReturnType<typeof listRecentReplays>>] = await Promise.all([
    filter ? listDeliveryPage(db, filter, 50) : Promise.resolve({ rows: [], next: null }),
    listRecentReplays(db),
  ]);
  const filtered = Object.keys(values).length > 0;
  const olderHref = page.next ? `/admin/deliveries?${new URLSearchParams({ ...values, before: page.next })}` : null;
  return (
    <>
      <AdminCrumbs title="Deliveries" />
      <div className="mx-auto max-w-6xl space-y-6 px-6 py-8">
        <p className="text-[13px] text-ink-500">
          Every webhook delivery, newest first, and the unauthenticated requests refused meanwhile. Open one to see its
          headers and payload, or to replay it.
        </p>
        <DeliveryFilterForm values={values} />
        {error && <Notice tone="error">Filter not applied: {error}</Notice>}
        <ReplayAllButton filter={values as Record<string, string>} running={replays} />
        <DeliveriesTable
          deliveries={page.rows}
          empty={filtered ? "No deliveries match this filter." : "No webhook deliveries yet."}
        />
        <nav aria-label="Pages" className="flex gap-2">
          {params.before && (
            <Link href={`/admin/deliveries?${new URLSearchParams(values)}`} className={secondaryButtonClass}>
              Newest
            </Link>
          )}
          {olderHref && (
            <Link href={olderHref} className={secondaryButtonClass}>
              Older
            </Link>
          )}
        </nav>
      </div>
    </>
  );
}
