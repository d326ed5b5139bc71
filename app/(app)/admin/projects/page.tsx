import type { Metadata } from "next";
import { requireAdmin } from "@/auth";
import { AdminPageTitle, AdminSection } from "@/components/admin/admin-page";
import { CreateProjectForm, ProjectRow } from "@/components/admin/project-forms";
import { Table } from "@/components/admin/table";
import { listProjects } from "@/lib/admin/projects";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Projects · Admin" };

export default async function ProjectsPage() {
  await requireAdmin();
  const projects = await listProjects(getDb());
  return (
    <div className="space-y-10">
      <AdminPageTitle
        title="Projects"
        description="Internal projects number their issues by key (WEB-12). A key is fixed once issues exist: those identifiers are already in Jira tickets, links and commit messages."
      />
      <AdminSection title="All projects">
        <Table
          columns={["Key", "Name", "Issues", "Mappings", ""]}
          empty={projects.length === 0 ? "No projects yet." : undefined}
        >
          {projects.map((project) => (
            <ProjectRow key={project.id} project={project} />
          ))}
        </Table>
      </AdminSection>
      <AdminSection title="New project">
        <CreateProjectForm />
      </AdminSection>
    </div>
  );
}
