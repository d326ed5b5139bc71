// Which external project feeds which internal project, for the admin's read-only table.
import type { Db } from "../db";

export async function listMappings(db: Db) {
  return db.sourceMapping.findMany({
    orderBy: [{ source: "asc" }, { externalProject: "asc" }],
    take: 500,
    select: {
      id: true,
      source: true,
      externalProject: true,
      githubRepo: true,
      jiraProjectKey: true,
      project: { select: { key: true, name: true } },
    },
  });
}

export type MappingRow = Awaited<ReturnType<typeof listMappings>>[number];
