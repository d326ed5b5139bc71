import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAnyUser } from "@/lib/auth/create-first-admin";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up" };

// First run only: once any user exists this page is gone, and the action itself re-checks under a lock.
export default async function SetupPage() {
  if (await hasAnyUser(getDb())) redirect("/signin");
  return (
    <AuthCard title="Welcome to Tracker" subtitle="Create the first administrator account to get started.">
      <SetupForm />
    </AuthCard>
  );
}
