import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/auth";
import { AdminPageTitle, AdminSection } from "@/components/admin/admin-page";
import { DeliveriesTable } from "@/components/admin/deliveries-table";
import { JiraConnectionsTable } from "@/components/admin/jira-connections-table";
import { MappingsTable } from "@/components/admin/mappings-table";
import { listJiraConnections } from "@/lib/admin/jira-connections";
import { listDeliveries } from "@/lib/admin/list-deliveries";
import { listMappingViews } from "@/lib/admin/mappings";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Admin" };

const more = "text-[13px] font-medium text-link hover:text-link-hover";

export default async function AdminOverviewPage() {
  await requireAdmin();
  const db = getDb();
  const [mappings, connections, deliveries] = await Promise.all([
    listMappingViews(db),
    listJiraConnections(db),
    listDeliveries(db, 10),
  ]);
  return (
    <div className="space-y-10">
      <AdminPageTitle
        title="Overview"
        description="Where each source's items go, the Jira sites they open tickets in, and what arrived last."
      />
      <AdminSection
        title="Source mappings"
        description="Which external project feeds which internal project, and where its tickets go."
      >
        <MappingsTable mappings={mappings} />
        <Link href="/admin/mappings" className={more}>
          Manage source mappings →
        </Link>
      </AdminSection>
      <AdminSection
        title="Jira connections"
        description="Jira sites that mapped projects open tickets in. A broken connection holds its tickets until the credentials are fixed."
      >
        <JiraConnectionsTable connections={connections} />
        <Link href="/admin/jira-connections" className={more}>
          Manage Jira connections →
        </Link>
      </AdminSection>
      <AdminSection title="Webhook deliveries" description="The 10 most recent deliveries, newest first.">
        <DeliveriesTable deliveries={deliveries} />
        <Link href="/admin/deliveries" className={more}>
          All deliveries →
        </Link>
      </AdminSection>
    </div>
  );
}
