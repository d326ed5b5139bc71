import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/auth";
import { AdminPageTitle, AdminSection } from "@/components/admin/admin-page";
import { CopyField } from "@/components/admin/copy-button";
import { OutcomeBadge } from "@/components/admin/outcome-badge";
import { SentryTestForm } from "@/components/admin/sentry-test-form";
import { sentrySetupStatus } from "@/lib/admin/sentry-setup";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/text/format-date-time";
import { trackerBaseUrl } from "../base-url";

export const metadata: Metadata = { title: "Sentry · Admin" };

const dim = "text-ink-500";

export default async function SentryPage() {
  await requireAdmin();
  const status = await sentrySetupStatus(getDb(), getEnv().SENTRY_CLIENT_SECRET);
  const webhookUrl = `${await trackerBaseUrl()}/api/sentry/webhook`;
  const last = status.lastDelivery;
  return (
    <div className="space-y-10">
      <AdminPageTitle
        title="Sentry"
        description="Sentry sends each new issue to the tracker through an internal integration's webhook, signed with its client secret."
      />
      <AdminSection title="Status">
        <dl data-testid="sentry-status" className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-2 text-[13px]">
          <dt className={dim}>Client secret</dt>
          <dd>
            {status.secretConfigured ? (
              <span className="text-emerald-700 dark:text-emerald-400">SENTRY_CLIENT_SECRET is set</span>
            ) : (
              <span className="text-red-700 dark:text-red-400">
                SENTRY_CLIENT_SECRET is not set: the webhook answers 503 in production
              </span>
            )}
          </dd>
          <dt className={dim}>Last delivery</dt>
          <dd data-testid="sentry-last-delivery">
            {last ? (
              <span className="flex flex-wrap items-center gap-2">
                {formatDateTime(last.receivedAt, { seconds: true })} <OutcomeBadge outcome={last.outcome} />
                {last.reason && <span className="text-ink-600">{last.reason}</span>}
                {last.issue && (
                  <Link
                    href={`/issues/${last.issue.identifier}`}
                    className="font-medium text-link hover:text-link-hover"
                  >
                    {last.issue.identifier}
                  </Link>
                )}
              </span>
            ) : (
              <span className={dim}>None yet</span>
            )}
          </dd>
          {status.lastRejection && (
            <>
              <dt className={dim}>Last refused request</dt>
              <dd>
                {formatDateTime(status.lastRejection.lastSeenAt, { seconds: true })}: {status.lastRejection.reason}
                {status.lastRejection.count > 1 && <span className={dim}> ({status.lastRejection.count} times)</span>}
                <span className={dim}> — a wrong client secret in the tracker or in Sentry looks like this.</span>
              </dd>
            </>
          )}
          <dt className={dim}>Mapped projects</dt>
          <dd>
            {status.mappedSlugs.length > 0 ? (
              status.mappedSlugs.join(", ")
            ) : (
              <span className={dim}>
                None: every Sentry issue goes to the default project (
                <Link href="/admin/mappings/new" className="text-link">
                  map one
                </Link>
                )
              </span>
            )}
          </dd>
        </dl>
      </AdminSection>
      <AdminSection title="Webhook URL">
        <CopyField label="Sentry webhook URL" value={webhookUrl} />
      </AdminSection>
      <AdminSection title="Setup">
        <ol className="list-decimal space-y-2 pl-5 text-[13px] text-ink-700">
          <li>
            In Sentry:{" "}
            <b>Settings → Developer Settings → Custom Integrations → Create New Integration → Internal Integration</b>.
          </li>
          <li>
            Name it (e.g. “Tracker”), set <b>Webhook URL</b> to the URL above, and under <b>Webhooks</b> tick{" "}
            <b>issue</b>.
          </li>
          <li>
            Permissions: <b>Issue &amp; Event: Read</b>, <b>Project: Read</b>, and <b>Organization: Read</b> for the
            reconciliation poll.
          </li>
          <li>
            Save, copy the <b>Client Secret</b> into <span className="font-mono">SENTRY_CLIENT_SECRET</span>, and
            restart the tracker.
          </li>
          <li>Send a test event below; then trigger a real error and watch it arrive under Last delivery.</li>
        </ol>
      </AdminSection>
      <AdminSection
        title="Send test event"
        description="A realistic issue.created, signed with the configured secret and posted to the webhook URL over HTTP, exactly as Sentry would. It creates a real issue."
      >
        <SentryTestForm slugs={status.mappedSlugs} disabled={!status.secretConfigured} />
      </AdminSection>
    </div>
  );
}
