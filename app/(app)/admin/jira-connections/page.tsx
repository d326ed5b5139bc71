import type { Metadata } from "next";
import { requireAdmin } from "@/auth";
import { AdminPageTitle, AdminSection } from "@/components/admin/admin-page";
import { JiraConnectionForm } from "@/components/admin/jira-connection-form";
import { JiraConnectionsTable } from "@/components/admin/jira-connections-table";
import { Notice } from "@/components/ui/notice";
import { listJiraConnections } from "@/lib/admin/jira-connections";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Jira connections · Admin" };

export default async function JiraConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const [connections, params] = await Promise.all([listJiraConnections(getDb()), searchParams]);
  return (
    <div className="space-y-10">
      <AdminPageTitle
        title="Jira connections"
        description="Jira sites that mapped projects open tickets in. A broken connection holds its tickets until the credentials are fixed."
      />
      {params.deleted && <Notice tone="success">Connection deleted.</Notice>}
      <section aria-label="Jira connections">
        <JiraConnectionsTable connections={connections} />
      </section>
      <AdminSection title="New connection">
        <JiraConnectionForm />
      </AdminSection>
    </div>
  );
}
