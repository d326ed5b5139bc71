// The choices a mapping form offers: internal projects and Jira connections, by name.
import type { Db } from "@/lib/db";

export async function mappingFormOptions(db: Db) {
  const [projects, connections] = await Promise.all([
    db.project.findMany({ orderBy: { key: "asc" }, take: 1000, select: { key: true, name: true } }),
    db.jiraConnection.findMany({ orderBy: { name: "asc" }, take: 1000, select: { id: true, name: true } }),
  ]);
  return { projects, connections };
}
