import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { deleteMappingAction } from "@/app/(app)/admin/actions";
import { requireAdmin } from "@/auth";
import { AdminPageTitle, AdminSection } from "@/components/admin/admin-page";
import { DeleteForm } from "@/components/admin/delete-form";
import { MappingForm } from "@/components/admin/mapping-form";
import { RotateTokenForm } from "@/components/admin/rotate-token-form";
import { getMapping } from "@/lib/admin/mappings";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sourceName } from "@/lib/issues/vocabulary";
import { mappingFormOptions } from "../options";

export const metadata: Metadata = { title: "Mapping · Admin" };

export default async function MappingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const db = getDb();
  const mapping = await getMapping(db, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { projects, connections } = await mappingFormOptions(db);
  const name = `${sourceName(mapping.source)} ${mapping.externalProject} → ${mapping.project.key}`;
  return (
    <div className="space-y-10">
      <div>
        <AdminPageTitle
          title={name}
          description="Changes apply to the next delivery: mappings are read on every one, never cached."
        />
        <MappingForm mapping={mapping} projects={projects} connections={connections} />
      </div>
      {mapping.source === "glitchtip" && (
        <AdminSection
          title="Webhook URL"
          description="GlitchTip cannot sign its webhooks, so the URL carries a secret token. Only its hash is stored: lost URLs are replaced, not shown again."
        >
          <RotateTokenForm mappingId={mapping.id} externalProject={mapping.externalProject} />
        </AdminSection>
      )}
      <AdminSection
        title="Delete mapping"
        description="Its issues stay; new items of this external project go to the fallback mapping or the default project."
      >
        <DeleteForm id={mapping.id} what="this mapping" action={deleteMappingAction} />
      </AdminSection>
    </div>
  );
}
