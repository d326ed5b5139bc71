// Which internal project an external project's items go to: its mapping, else the source's
// fallback mapping ("*"), else the default project.
import type { Db } from "../db";
import { getEnv } from "../env";
import { isUniqueViolation } from "../errors";

export const FALLBACK_EXTERNAL_PROJECT = "*";

export async function resolveProjectId(db: Db, source: string, externalProject: string): Promise<string> {
  const mappings = await db.sourceMapping.findMany({
    where: { source, externalProject: { in: [externalProject, FALLBACK_EXTERNAL_PROJECT] } },
    select: { externalProject: true, projectId: true },
  });
  const exact = mappings.find((mapping) => mapping.externalProject === externalProject);
  const chosen = exact ?? mappings[0];
  return chosen ? chosen.projectId : ensureDefaultProject(db);
}

export async function ensureDefaultProject(db: Db): Promise<string> {
  const { DEFAULT_PROJECT_KEY: key, DEFAULT_PROJECT_NAME: name } = getEnv();
  const existing = await db.project.findUnique({ where: { key }, select: { id: true } });
  if (existing) return existing.id;
  try {
    return (await db.project.create({ data: { key, name }, select: { id: true } })).id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await db.project.findUniqueOrThrow({ where: { key }, select: { id: true } })).id;
  }
}
