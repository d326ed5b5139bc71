import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/auth";
import { AuthCard } from "@/components/auth/auth-card";
import { GitHubSignInButton } from "@/components/auth/github-sign-in-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { hasAnyUser } from "@/lib/auth/create-first-admin";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  if (!(await hasAnyUser(getDb()))) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <AuthCard title="Sign in to Tracker" subtitle="Production errors, turned into issues.">
      <div className="space-y-4">
        {params.setup === "done" && <Notice tone="success">Admin account created. Sign in to continue.</Notice>}
        {params.invite === "accepted" && (
          <Notice tone="success">Password set. Sign in with your email and new password.</Notice>
        )}
        {/* OAuth failures come back from next-auth as ?error=<code>; the code itself means nothing to a person. */}
        {typeof params.error === "string" && (
          <Notice tone="error">Sign-in with GitHub failed. Try again or use your password.</Notice>
        )}
        {getEnv().githubOAuthEnabled && (
          <>
            <GitHubSignInButton callbackUrl={callbackUrl} />
            <div className="flex items-center gap-3 text-xs text-ink-500">
              <span className="h-px flex-1 bg-ink-200" />
              or
              <span className="h-px flex-1 bg-ink-200" />
            </div>
          </>
        )}
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </AuthCard>
  );
}
