// Which internal project an external project's items go to, and how its lifecycle events act: its
// mapping, else the source's fallback mapping ("*"), else the default project with default behaviour.
// Read on every delivery, never cached, so an admin's edit applies to the next one; the ingestion hot
// path reads it in the same statement that stores the delivery (delivery-store.ts), at no extra round trip.
import { type Db, type DbClient, poolOf } from "../db";
import { getEnv } from "../env";
import { isUniqueViolation } from "../errors";
import type { Priority, ResolveAction } from "../generated/prisma/enums";
import { type JiraTarget, jiraTargetOf } from "../jira-sync/jira-target";
import { type MappingSettings, mappingSettingsColumns } from "../mappings/settings-select";
import { FALLBACK_EXTERNAL_PROJECT } from "../sources/fallback-project";
import { sqlQuery } from "../sql-executor";

export interface ResolvedMapping {
  /** null: no mapping row matched; the default project with default behaviour. */
  mappingId: string | null;
  projectId: string;
  onResolve: ResolveAction;
  escalationPriority: Priority | null;
  githubRepo: string | null;
  githubPathPrefix: string | null;
  githubTokenEncrypted: string | null;
  glitchtipApiUrl: string | null;
  glitchtipTokenEncrypted: string | null;
  jira: JiraTarget | null;
}

/**
 * The mapping of one external project: the exact row, else the fallback "*", at most one row.
 * `source` and `externalProject` are SQL expressions (parameters, or columns of a lateral join);
 * `condition` may rule the lookup out. Its columns are named as the Prisma model's fields, so
 * `to_jsonb(mapping)` reads like a mapping row.
 */
export function mappingSelect(source: string, externalProject: string, condition = "true"): string {
  return `SELECT ${mappingSettingsColumns("m")}
    FROM source_mapping m
   WHERE (${condition}) AND m.source = ${source} AND m.external_project IN (${externalProject}, '${FALLBACK_EXTERNAL_PROJECT}')
   ORDER BY m.external_project = '${FALLBACK_EXTERNAL_PROJECT}'
   LIMIT 1`;
}

/**
 * The columns a query over `mappingSelect` (left-joined as `mapping`) selects for `toResolvedMapping`: the
 * row as one JSON value (null when none matched), and then the default project's id, looked up by its
 * key (a parameter) when the mapping was looked up (`lookedUp`) and none matched.
 */
export const mappingColumns = (defaultKeyParam: string, lookedUp = "true") =>
  `to_jsonb(mapping) AS mapping,
   CASE WHEN (${lookedUp}) AND mapping.id IS NULL THEN (SELECT p.id FROM project p WHERE p.key = ${defaultKeyParam}) END AS default_project_id`;

export interface MappingColumns {
  mapping: MappingJson | null;
  default_project_id: string | null;
}

type MappingJson = MappingSettings;

export async function toResolvedMapping(db: DbClient, row: MappingColumns): Promise<ResolvedMapping> {
  const chosen = row.mapping;
  if (chosen) {
    return {
      mappingId: chosen.id,
      projectId: chosen.projectId,
      onResolve: chosen.onResolve,
      escalationPriority: chosen.escalationPriority,
      githubRepo: chosen.githubRepo,
      githubPathPrefix: chosen.githubPathPrefix,
      githubTokenEncrypted: chosen.githubTokenEncrypted,
      glitchtipApiUrl: chosen.glitchtipApiUrl,
      glitchtipTokenEncrypted: chosen.glitchtipTokenEncrypted,
      jira: jiraTargetOf(chosen),
    };
  }
  return {
    mappingId: null,
    projectId: row.default_project_id ?? (await ensureDefaultProject(db)),
    onResolve: "resolve",
    escalationPriority: null,
    githubRepo: null,
    githubPathPrefix: null,
    githubTokenEncrypted: null,
    glitchtipApiUrl: null,
    glitchtipTokenEncrypted: null,
    jira: null,
  };
}

export async function resolveMapping(db: Db, source: string, externalProject: string): Promise<ResolvedMapping> {
  const [row] = await sqlQuery<MappingColumns>(
    poolOf(db),
    `SELECT ${mappingColumns("$3")} FROM (SELECT 1) AS one LEFT JOIN (${mappingSelect("$1", "$2")}) AS mapping ON true`,
    [source, externalProject, getEnv().DEFAULT_PROJECT_KEY],
    "ingest_resolve_mapping",
  );
  return toResolvedMapping(db, row!);
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
