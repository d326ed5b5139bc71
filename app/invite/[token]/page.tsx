import type { Metadata } from "next";
import { AcceptInviteForm } from "@/components/admin/accept-invite-form";
import { AuthCard } from "@/components/auth/auth-card";
import { Notice } from "@/components/ui/notice";
import { findUsableInvite } from "@/lib/admin/add-user";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/text/format-date-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accept invite", referrer: "no-referrer" };

// Public: the invitee has no session yet; the link's token is the credential.
export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findUsableInvite(getDb(), token);
  if (!invite) {
    return (
      <AuthCard
        title="Invite link not valid"
        subtitle="It was used already, has expired, or was replaced by a newer one."
      >
        <Notice tone="error">Ask an admin of this tracker for a new invite link.</Notice>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Welcome to Tracker"
      subtitle={`Choose a password for ${invite.email}. This link works until ${formatDateTime(invite.expiresAt)}.`}
    >
      <AcceptInviteForm token={token} email={invite.email} />
    </AuthCard>
  );
}
