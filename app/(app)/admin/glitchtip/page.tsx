import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/auth";
import { AdminPageTitle, AdminSection } from "@/components/admin/admin-page";
import { RotateTokenForm } from "@/components/admin/rotate-token-form";
import { cellClass, Table } from "@/components/admin/table";
import { primaryButtonClass } from "@/components/ui/styles";
import { glitchtipSetupStatus } from "@/lib/admin/glitchtip-setup";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/text/format-date-time";

export const metadata: Metadata = { title: "GlitchTip · Admin" };

export default async function GlitchTipPage() {
  await requireAdmin();
  const { mappings, lastDelivery: last } = await glitchtipSetupStatus(getDb());
  return (
    <div className="space-y-10">
      <AdminPageTitle
        title="GlitchTip"
        description="GlitchTip cannot sign its webhooks, so each GlitchTip mapping has its own secret webhook URL (and a drop-in URL for glitchtip-jira-bridge users). The URLs are shown once, when the mapping is created or its token rotated."
        actions={
          <Link href="/admin/mappings/new?source=glitchtip" className={primaryButtonClass}>
            New GlitchTip mapping
          </Link>
        }
      />
      <AdminSection
        title="GlitchTip mappings"
        description={
          last
            ? `Last GlitchTip delivery: ${formatDateTime(last.receivedAt, { seconds: true })} (${last.outcome}).`
            : "No GlitchTip delivery yet."
        }
      >
        <Table
          columns={["GlitchTip project", "Project", "Jira project", "Webhook URL"]}
          empty={mappings.length === 0 ? "No GlitchTip mappings yet: create one to get its webhook URL." : undefined}
        >
          {mappings.map((mapping) => (
            <tr key={mapping.id} data-testid="glitchtip-mapping-row">
              <td className={`${cellClass} font-mono text-xs`}>
                <Link
                  href={`/admin/mappings/${mapping.id}`}
                  className="text-ink-900 hover:text-link-hover hover:underline"
                >
                  {mapping.externalProject}
                </Link>
              </td>
              <td className={cellClass}>{mapping.project.key}</td>
              <td className={cellClass}>{mapping.jiraProjectKey ?? <span className="text-ink-500">—</span>}</td>
              <td className={cellClass}>
                <RotateTokenForm mappingId={mapping.id} externalProject={mapping.externalProject} />
              </td>
            </tr>
          ))}
        </Table>
      </AdminSection>
      <AdminSection title="Setup">
        <ol className="list-decimal space-y-2 pl-5 text-[13px] text-ink-700">
          <li>
            Create a source mapping with source GlitchTip and the project as{" "}
            <span className="font-mono">organization-slug/project-slug</span> (or <span className="font-mono">*</span>{" "}
            for all).
          </li>
          <li>Copy the webhook URL shown after saving. Lost it? Rotate the token here to get a new one.</li>
          <li>
            In GlitchTip: <b>Project → Settings → Alerts → Create alert</b>, add a recipient of type <b>Webhook</b> with
            the URL.
          </li>
          <li>Send a test alert from the URL panel, then check the issue it made.</li>
        </ol>
      </AdminSection>
    </div>
  );
}
