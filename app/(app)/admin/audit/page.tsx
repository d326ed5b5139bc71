import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/auth";
import { AdminCrumbs } from "@/components/admin/admin-crumbs";
import { AuditTable } from "@/components/admin/audit-table";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";
import { listAdminChanges } from "@/lib/admin/audit-log";
import { auditCursorOf, auditCursorSchema } from "@/lib/admin/audit-page";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 50;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const raw = (await searchParams).before;
  const cursor = auditCursorSchema.safeParse(Array.isArray(raw) ? raw[0] : raw || undefined);
  const entries = cursor.success ? await listAdminChanges(getDb(), { limit: PAGE + 1, before: cursor.data }) : [];
  const shown = entries.slice(0, PAGE);
  const older =
    entries.length > PAGE ? `/admin/audit?before=${encodeURIComponent(auditCursorOf(shown[shown.length - 1]!))}` : null;
  return (
    <>
      <AdminCrumbs title="Audit log" />
      <div className="mx-auto max-w-6xl space-y-6 px-6 py-8">
        <p className="text-[13px] text-ink-500">
          Every change made in the admin console or the admin API: who, what and when, newest first. Secrets appear only
          as replaced or cleared.
        </p>
        {!cursor.success && (
          <Notice tone="error">That page link is not valid: before {cursor.error.issues[0]?.message}.</Notice>
        )}
        <AuditTable
          entries={shown}
          empty={cursor.success && raw ? "No older entries." : "No admin changes recorded yet."}
        />
        <nav aria-label="Pages" className="flex gap-2">
          {raw && (
            <Link href="/admin/audit" className={secondaryButtonClass}>
              Newest
            </Link>
          )}
          {older && (
            <Link href={older} className={secondaryButtonClass}>
              Older
            </Link>
          )}
        </nav>
      </div>
    </>
  );
}
