import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { deleteJiraConnectionAction } from "@/app/(app)/admin/actions";
import { requireAdmin } from "@/auth";
import { AdminPageTitle, AdminSection } from "@/components/admin/admin-page";
import { ConnectionStatusBadge } from "@/components/admin/connection-status-badge";
import { CopyField } from "@/components/admin/copy-button";
import { DeleteForm } from "@/components/admin/delete-form";
import { JiraConnectionForm } from "@/components/admin/jira-connection-form";
import { TestConnectionForm } from "@/components/admin/test-connection-form";
import { WebhookSecretForm } from "@/components/admin/webhook-secret-form";
import { Notice } from "@/components/ui/notice";
import { getJiraConnection } from "@/lib/admin/jira-connections";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/text/format-date-time";
import { trackerBaseUrl } from "../../base-url";

export const metadata: Metadata = { title: "Jira connection · Admin" };

export default async function JiraConnectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const connection = await getJiraConnection(getDb(), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const webhookUrl = `${await trackerBaseUrl()}/api/jira/webhook`;
  return (
    <div className="space-y-10">
      <AdminPageTitle
        title={connection.name}
        description={<span className="font-mono text-xs">{connection.baseUrl}</span>}
      />
      {query.saved && <Notice tone="success">Connection saved.</Notice>}
      <AdminSection
        title="Status"
        description="The sync's last verdict on the credentials. Test connection checks them now, and each mapped project's permissions."
      >
        <div data-testid="connection-status" className="flex flex-wrap items-center gap-2 text-[13px]">
          <ConnectionStatusBadge status={connection.status} />
          {connection.statusReason && <span className="text-red-600 dark:text-red-400">{connection.statusReason}</span>}
          {connection.statusChangedAt && (
            <span className="text-ink-500">since {formatDateTime(connection.statusChangedAt)}</span>
          )}
        </div>
        <TestConnectionForm connectionId={connection.id} />
      </AdminSection>
      <AdminSection title="Settings">
        <JiraConnectionForm connection={connection} />
      </AdminSection>
      <AdminSection
        title="Inbound webhook"
        description="Tickets closed or reopened in Jira move their issues here. In Jira: Settings → System → WebHooks → Create a WebHook, paste the URL and the secret, and tick Issue: updated."
      >
        <CopyField label="Jira webhook URL" value={webhookUrl} />
        <WebhookSecretForm connectionId={connection.id} hasSecret={connection.hasWebhookSecret} />
      </AdminSection>
      <AdminSection
        title="Delete connection"
        description="Only a connection no mapping uses and that holds no tickets can be deleted."
      >
        <DeleteForm id={connection.id} what="this connection" action={deleteJiraConnectionAction} />
      </AdminSection>
    </div>
  );
}
