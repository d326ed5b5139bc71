import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/auth";
import { AdminPageTitle } from "@/components/admin/admin-page";
import { MappingsTable } from "@/components/admin/mappings-table";
import { Notice } from "@/components/ui/notice";
import { primaryButtonClass } from "@/components/ui/styles";
import { listMappingViews } from "@/lib/admin/mappings";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Source mappings · Admin" };

export default async function MappingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const [mappings, params] = await Promise.all([listMappingViews(getDb()), searchParams]);
  return (
    <div className="space-y-4">
      <AdminPageTitle
        title="Source mappings"
        description="Which external project feeds which internal project, and where its issues go next: GitHub correlation and Jira tickets. Unmapped items go to the source's * mapping, else the default project."
        actions={
          <Link href="/admin/mappings/new" className={primaryButtonClass}>
            New mapping
          </Link>
        }
      />
      {params.saved && <Notice tone="success">Mapping saved.</Notice>}
      {params.deleted && <Notice tone="success">Mapping deleted.</Notice>}
      <section aria-label="Source mappings">
        <MappingsTable mappings={mappings} />
      </section>
    </div>
  );
}
