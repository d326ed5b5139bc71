// Which internal project an external project's items go to, and how its lifecycle events act: its
// mapping, else the source's fallback mapping ("*"), else the default project with default behaviour.
import type { Db, DbClient } from "../db";
import { getEnv } from "../env";
import { isUniqueViolation } from "../errors";
import type { Priority, ResolveAction } from "../generated/prisma/enums";

export const FALLBACK_EXTERNAL_PROJECT = "*";

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

/** Where and how this mapping opens Jira tickets (null: it does not). */
export interface JiraTarget {
  connectionId: string;
  projectKey: string;
  issueType: string;
  labels: string[];
  components: string[];
  priorities: Partial<Record<Priority, string>>;
  ticketsPerHour: number;
}

export async function resolveMapping(db: Db, source: string, externalProject: string): Promise<ResolvedMapping> {
  const mappings = await db.sourceMapping.findMany({
    where: { source, externalProject: { in: [externalProject, FALLBACK_EXTERNAL_PROJECT] } },
  });
  const chosen = mappings.find((mapping) => mapping.externalProject === externalProject) ?? mappings[0];
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
    projectId: await ensureDefaultProject(db),
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

/** A mapping row's Jira target, or null when it opens no tickets. */
export function jiraTargetOf(mapping: {
  jiraConnectionId: string | null;
  jiraProjectKey: string | null;
  jiraIssueType: string;
  jiraLabels: string[];
  jiraComponents: string[];
  jiraPriorities: unknown;
  jiraTicketsPerHour: number;
}): JiraTarget | null {
  if (!mapping.jiraConnectionId || !mapping.jiraProjectKey) return null;
  return {
    connectionId: mapping.jiraConnectionId,
    projectKey: mapping.jiraProjectKey,
    issueType: mapping.jiraIssueType,
    labels: mapping.jiraLabels,
    components: mapping.jiraComponents,
    priorities: (mapping.jiraPriorities ?? {}) as Partial<Record<Priority, string>>,
    ticketsPerHour: mapping.jiraTicketsPerHour,
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

