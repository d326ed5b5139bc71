import type { Metadata } from "next";
import { requireAdmin } from "@/auth";
import { AdminPageTitle } from "@/components/admin/admin-page";
import { MappingForm } from "@/components/admin/mapping-form";
import { getDb } from "@/lib/db";
import { mappingFormOptions } from "../options";

export const metadata: Metadata = { title: "New mapping · Admin" };

export default async function NewMappingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const { source } = await searchParams;
  const { projects, connections } = await mappingFormOptions(getDb());
  return (
    <div>
      <AdminPageTitle
        title="New source mapping"
        description="A GlitchTip mapping gets its own secret webhook URL, shown once when it is created."
      />
      <MappingForm
        projects={projects}
        connections={connections}
        defaultSource={source === "glitchtip" ? "glitchtip" : "sentry"}
      />
    </div>
  );
}
