// The settings of a source mapping that ingestion acts on, declared once: a Prisma select with its
// payload type for the admin's reads, and the same fields as SQL columns for the ingest hot path's
// raw statement (columns are the fields in snake_case, as schema.prisma maps them).
import type { Prisma } from "../generated/prisma/client";

export const mappingSettingsSelect = {
  id: true,
  projectId: true,
  onResolve: true,
  escalationPriority: true,
  githubRepo: true,
  githubPathPrefix: true,
  githubTokenEncrypted: true,
  glitchtipApiUrl: true,
  glitchtipTokenEncrypted: true,
  jiraConnectionId: true,
  jiraProjectKey: true,
  jiraIssueType: true,
  jiraLabels: true,
  jiraComponents: true,
  jiraPriorities: true,
  jiraTicketsPerHour: true,
} as const satisfies Prisma.SourceMappingSelect;

export type MappingSettings = Prisma.SourceMappingGetPayload<{ select: typeof mappingSettingsSelect }>;

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The select's fields as SQL columns of the table aliased `alias`, each named as its Prisma field. */
export function mappingSettingsColumns(alias: string): string {
  return Object.keys(mappingSettingsSelect)
    .map((field) => `${alias}.${snakeCase(field)} AS "${field}"`)
    .join(", ");
}
