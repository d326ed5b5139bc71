// Which internal project an external project's items go to, and how its lifecycle events act: its
// mapping, else the source's fallback mapping ("*"), else the default project with default behaviour.
import type { Db, DbClient } from "../db";
import { getEnv } from "../env";
import { isUniqueViolation } from "../errors";
import type { Priority, ResolveAction } from "../generated/prisma/enums";

export const FALLBACK_EXTERNAL_PROJECT = "*";

export interface ResolvedMapping {
  projectId: string;
  onResolve: ResolveAction;
  escalationPriority: Priority | null;
  githubRepo: string | null;
  githubPathPrefix: string | null;
}

export async function resolveMapping(db: Db, source: string, externalProject: string): Promise<ResolvedMapping> {
  const mappings = await db.sourceMapping.findMany({
    where: { source, externalProject: { in: [externalProject, FALLBACK_EXTERNAL_PROJECT] } },
    select: { externalProject: true, projectId: true, onResolve: true, escalationPriority: true, githubRepo: true, githubPathPrefix: true },
  });
  const chosen = mappings.find((mapping) => mapping.externalProject === externalProject) ?? mappings[0];
  if (chosen) {
    const { externalProject: _unused, ...mapping } = chosen;
    return mapping;
  }
  return {
    projectId: await ensureDefaultProject(db),
    onResolve: "resolve",
    escalationPriority: null,
    githubRepo: null,
    githubPathPrefix: null,
  };
}

export async function ensureDefaultProject(db: DbClient): Promise<string> {
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

