import type { Metadata } from "next";
import { requireAdmin } from "@/auth";
import { DeliveriesTable } from "@/components/admin/deliveries-table";
import { JiraConnectionsTable } from "@/components/admin/jira-connections-table";
import { MappingsTable } from "@/components/admin/mappings-table";
import { PageHeader } from "@/components/shell/page-header";
import { listDeliveries } from "@/lib/admin/list-deliveries";
import { listJiraConnections } from "@/lib/admin/jira-connections";
import { listMappingViews } from "@/lib/admin/mappings";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Admin" };

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3">
      <div>
        <h2 className="text-sm font-medium text-ink-900">{title}</h2>
        <p className="mt-0.5 text-[13px] text-ink-500">{description}</p>
      </div>
      {children}
    </section>
  );
}

export default async function AdminPage() {
  await requireAdmin();
  const db = getDb();
  const [mappings, connections, deliveries] = await Promise.all([listMappingViews(db), listJiraConnections(db), listDeliveries(db, 50)]);
  return (
    <>
      <PageHeader>
        <h1 className="font-medium text-ink-900">Admin</h1>
      </PageHeader>
      <div className="mx-auto max-w-5xl space-y-10 px-6 py-8">
        <Section title="Source mappings" description="Which external project feeds which internal project, and where its tickets go.">
          <MappingsTable mappings={mappings} />
        </Section>
        <Section title="Jira connections" description="Jira sites that mapped projects open tickets in. A broken connection holds its tickets until the credentials are fixed.">
          <JiraConnectionsTable connections={connections} />
        </Section>
        <Section title="Webhook deliveries" description="The 50 most recent deliveries, newest first.">
          <DeliveriesTable deliveries={deliveries} />
        </Section>
      </div>
    </>
  );
}
