// Source mappings for the admin API: which external project feeds which internal project, and where its
// issues go next (GitHub correlation, Jira tickets). Secrets (GitHub and GlitchTip tokens) are write-only:
// sealed with the secret box before they are stored and reported back only as `hasGithubToken` etc.
// A GlitchTip mapping authenticates its webhook by a token in the URL; only its SHA-256 is stored, and
// the token itself is shown once, on create and on rotation.
import { z } from "zod";
import { hashToken, newToken } from "../crypto/secret-box";
import type { Db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { Priority } from "../generated/prisma/enums";
import { mappingSettingsSelect } from "../mappings/settings-select";
import { invalidField, parseInput } from "../validation";
import { recordAdminChange, secretChange } from "./audit-log";
import {
  type AdminActor,
  httpUrl,
  isForeignKeyViolation,
  isRecordNotFound,
  looksLikeId,
  PRIORITIES,
  sealSecret,
  secretInput,
  str,
} from "./common";

export const MAPPING_SOURCES = ["sentry", "glitchtip", "generic"] as const;
export type MappingSource = (typeof MAPPING_SOURCES)[number];

const FALLBACK = "*";
const JIRA_PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;

const jiraLabel = str()
  .trim()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .refine((label) => !/\s/.test(label), {
    error: (issue) =>
      `Jira labels cannot contain spaces or other whitespace (Jira refuses them): ${JSON.stringify(issue.input)}`,
  });

const jiraPriorityName = str().trim().min(1, "must not be empty").max(100);

/** What a mapping maps: required on create. */
const identityFields = z.object({
  source: z.enum(MAPPING_SOURCES, { error: 'must be one of "sentry", "glitchtip", "generic"' }),
  externalProject: str()
    .trim()
    .min(1, 'must not be empty: a Sentry project slug, a GlitchTip "org/project", or "*" for the fallback')
    .max(200, "must be at most 200 characters"),
  projectKey: str().trim().min(1, "must not be empty"),
});

/** Where its issues go next and how lifecycle events act: optional (database defaults on create). */
const settingFields = z.object({
  githubRepo: str()
    .trim()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/repo", e.g. acme/web')
    .nullable(),
  githubPathPrefix: str()
    .trim()
    .max(500, "must be at most 500 characters")
    .transform((value) => value || null)
    .nullable(),
  githubToken: secretInput,
  glitchtipApiUrl: httpUrl.nullable(),
  glitchtipToken: secretInput,
  jiraConnectionId: str().trim().min(1, "must not be empty").nullable(),
  jiraProjectKey: str()
    .trim()
    .regex(
      JIRA_PROJECT_KEY,
      "must be a Jira project key: upper-case letters, digits and _ starting with a letter, e.g. OPS",
    )
    .nullable(),
  jiraIssueType: str().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  jiraLabels: z.array(jiraLabel, "must be an array of strings").max(50, "at most 50 labels"),
  jiraComponents: z
    .array(
      str().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
      "must be an array of strings",
    )
    .max(50, "at most 50 components"),
  jiraPriorities: z
    .strictObject(
      {
        P1: jiraPriorityName.optional(),
        P2: jiraPriorityName.optional(),
        P3: jiraPriorityName.optional(),
        P4: jiraPriorityName.optional(),
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? `keys must be P1, P2, P3 or P4 (not ${issue.keys.join(", ")})`
            : 'must be an object such as {"P1": "Highest"} (or null)',
      },
    )
    .nullable(),
  jiraTicketsPerHour: z
    .number("must be a number")
    .int("must be a whole number")
    .min(1, "must be between 1 and 1000")
    .max(1000, "must be between 1 and 1000"),
  onResolve: z.enum(["resolve", "comment", "ignore"], { error: 'must be one of "resolve", "comment", "ignore"' }),
  escalationPriority: z.enum(PRIORITIES, { error: 'must be one of "P1", "P2", "P3", "P4" (or null)' }).nullable(),
});

// Strict: an unknown (e.g. misspelt or read-only) field is refused rather than silently ignored.
export const createMappingSchema = z.strictObject({ ...identityFields.shape, ...settingFields.partial().shape });
export const updateMappingSchema = z.strictObject({
  ...identityFields.partial().shape,
  ...settingFields.partial().shape,
});
export type CreateMappingInput = z.input<typeof createMappingSchema>;
export type UpdateMappingInput = z.input<typeof updateMappingSchema>;

const mappingSelect = {
  ...mappingSettingsSelect,
  source: true,
  externalProject: true,
  project: { select: { id: true, key: true, name: true } },
  webhookTokenHash: true,
  jiraConnection: { select: { id: true, name: true, status: true } },
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.SourceMappingSelect;

type MappingRow = Prisma.SourceMappingGetPayload<{ select: typeof mappingSelect }>;

type SecretColumns = "webhookTokenHash" | "githubTokenEncrypted" | "glitchtipTokenEncrypted";

/** A mapping as the API shows it: every setting (its row as selected), but secrets only as whether they are set. */
export type MappingView = Omit<MappingRow, SecretColumns | "projectId" | "jiraPriorities"> & {
  hasWebhookToken: boolean;
  hasGithubToken: boolean;
  hasGlitchtipToken: boolean;
  jiraPriorities: Partial<Record<Priority, string>> | null;
};

/** The webhook token of a GlitchTip mapping, shown once, with the URLs to paste into GlitchTip. */
export interface WebhookCredentials {
  token: string;
  /** `<base>/api/glitchtip/webhook/<mapping id>?token=…` */
  url: string;
  /** `<base>/api/v1/alert/<jira project key>?token=…` (drop-in for the GlitchTip→Jira bridge); null without a Jira project key. */
  bridgeUrl: string | null;
}

export type MappingWithWebhook = MappingView & { webhook?: WebhookCredentials };

function toView(row: MappingRow): MappingView {
  const {
    webhookTokenHash,
    githubTokenEncrypted,
    glitchtipTokenEncrypted,
    projectId: _projectId,
    jiraPriorities,
    ...rest
  } = row;
  return {
    ...rest,
    hasWebhookToken: webhookTokenHash !== null,
    hasGithubToken: githubTokenEncrypted !== null,
    hasGlitchtipToken: glitchtipTokenEncrypted !== null,
    jiraPriorities: (jiraPriorities ?? null) as MappingView["jiraPriorities"],
  };
}

export function webhookCredentials(
  baseUrl: string,
  mapping: { id: string; jiraProjectKey: string | null },
  token: string,
): WebhookCredentials {
  const base = baseUrl.replace(/\/+$/, "");
  const query = `token=${encodeURIComponent(token)}`;
  return {
    token,
    url: `${base}/api/glitchtip/webhook/${mapping.id}?${query}`,
    bridgeUrl: mapping.jiraProjectKey
      ? `${base}/api/v1/alert/${encodeURIComponent(mapping.jiraProjectKey)}?${query}`
      : null,
  };
}

export async function listMappingViews(db: Db): Promise<MappingView[]> {
  const rows = await db.sourceMapping.findMany({
    orderBy: [{ source: "asc" }, { externalProject: "asc" }],
    take: 1000,
    select: mappingSelect,
  });
  return rows.map(toView);
}

export async function getMapping(db: Db, id: string): Promise<MappingView> {
  const row = looksLikeId(id) ? await db.sourceMapping.findUnique({ where: { id }, select: mappingSelect }) : null;
  if (!row) throw notFound(id);
  return toView(row);
}

export interface WebhookUrlOptions extends AdminActor {
  /** Public base URL of the tracker, for the webhook URLs of GlitchTip mappings. */
  baseUrl: string;
}

/** How a mapping is named in the audit log: "sentry/web-app → WEB". */
const auditName = (row: { source: string; externalProject: string; project: { key: string } }) =>
  `${row.source}/${row.externalProject} → ${row.project.key}`;

/** An input as audit details: the fields sent, secrets only as replaced/cleared. */
function auditDetails(
  input: Settings & { source?: string; externalProject?: string; projectKey?: string },
): Record<string, unknown> {
  return { ...input, githubToken: secretChange(input.githubToken), glitchtipToken: secretChange(input.glitchtipToken) };
}

export async function createMapping(
  db: Db,
  rawInput: unknown,
  options: WebhookUrlOptions,
): Promise<MappingWithWebhook> {
  const input = parseInput(createMappingSchema, rawInput);
  checkCombination(
    {
      source: input.source,
      externalProject: input.externalProject,
      jiraConnectionId: input.jiraConnectionId ?? null,
      jiraProjectKey: input.jiraProjectKey ?? null,
    },
    true,
  );
  const projectId = await projectIdForKey(db, input.projectKey);
  if (input.jiraConnectionId) await assertConnectionExists(db, input.jiraConnectionId);
  const token = input.source === "glitchtip" ? newToken() : undefined;

  let row: MappingRow;
  try {
    row = await db.$transaction(async (tx) => {
      const created = await tx.sourceMapping.create({
        data: {
          source: input.source,
          externalProject: input.externalProject,
          projectId,
          webhookTokenHash: token === undefined ? null : hashToken(token),
          ...settingsData(input),
        },
        select: mappingSelect,
      });
      await recordAdminChange(tx, {
        actorId: options.actorId,
        action: "mapping.created",
        targetType: "mapping",
        targetId: created.id,
        targetName: auditName(created),
        details: { ...auditDetails(input), webhookToken: token === undefined ? undefined : "issued" },
      });
      return created;
    });
  } catch (error) {
    throw translateWriteError(error, input);
  }
  const view = toView(row);
  return token === undefined ? view : { ...view, webhook: webhookCredentials(options.baseUrl, row, token) };
}

/**
 * Changes the fields present in the input. A mapping that becomes a GlitchTip mapping gets a webhook
 * token (returned once, like on create); one that stops being one loses it.
 */
export async function updateMapping(
  db: Db,
  id: string,
  rawInput: unknown,
  options: WebhookUrlOptions,
): Promise<MappingWithWebhook> {
  const input = parseInput(updateMappingSchema, rawInput);
  const existing = looksLikeId(id)
    ? await db.sourceMapping.findUnique({
        where: { id },
        select: {
          source: true,
          externalProject: true,
          jiraConnectionId: true,
          jiraProjectKey: true,
          webhookTokenHash: true,
        },
      })
    : null;
  if (!existing) throw notFound(id);

  const source = input.source ?? existing.source;
  const merged = {
    source,
    externalProject: input.externalProject ?? existing.externalProject,
    jiraConnectionId: input.jiraConnectionId === undefined ? existing.jiraConnectionId : input.jiraConnectionId,
    jiraProjectKey: input.jiraProjectKey === undefined ? existing.jiraProjectKey : input.jiraProjectKey,
  };
  checkCombination(merged, input.jiraConnectionId !== undefined || input.jiraProjectKey !== undefined);
  const projectId = input.projectKey === undefined ? undefined : await projectIdForKey(db, input.projectKey);
  if (input.jiraConnectionId) await assertConnectionExists(db, input.jiraConnectionId);

  let token: string | undefined;
  let webhookTokenHash: string | null | undefined;
  if (source === "glitchtip" && existing.webhookTokenHash === null) {
    token = newToken();
    webhookTokenHash = hashToken(token);
  } else if (source !== "glitchtip" && existing.webhookTokenHash !== null) {
    webhookTokenHash = null;
  }

  let row: MappingRow;
  try {
    row = await db.$transaction(async (tx) => {
      const updated = await tx.sourceMapping.update({
        where: { id },
        data: {
          source: input.source,
          externalProject: input.externalProject,
          projectId,
          webhookTokenHash,
          ...settingsData(input),
        },
        select: mappingSelect,
      });
      await recordAdminChange(tx, {
        actorId: options.actorId,
        action: "mapping.updated",
        targetType: "mapping",
        targetId: id,
        targetName: auditName(updated),
        details: {
          ...auditDetails(input),
          webhookToken: token !== undefined ? "issued" : webhookTokenHash === null ? "removed" : undefined,
        },
      });
      return updated;
    });
  } catch (error) {
    throw translateWriteError(error, merged, id);
  }
  const view = toView(row);
  return token === undefined ? view : { ...view, webhook: webhookCredentials(options.baseUrl, row, token) };
}

export async function deleteMapping(db: Db, id: string, actor: AdminActor): Promise<void> {
  if (!looksLikeId(id)) throw notFound(id);
  await db.$transaction(async (tx) => {
    const [row] = await tx.sourceMapping.findMany({
      where: { id },
      select: { source: true, externalProject: true, project: { select: { key: true } } },
    });
    const { count } = await tx.sourceMapping.deleteMany({ where: { id } });
    if (count === 0 || !row) throw notFound(id);
    await recordAdminChange(tx, {
      actorId: actor.actorId,
      action: "mapping.deleted",
      targetType: "mapping",
      targetId: id,
      targetName: auditName(row),
    });
  });
}

/** A new webhook token for a GlitchTip mapping; the old one stops working at once. */
export async function rotateWebhookToken(db: Db, id: string, options: WebhookUrlOptions): Promise<MappingWithWebhook> {
  const existing = looksLikeId(id)
    ? await db.sourceMapping.findUnique({ where: { id }, select: { source: true } })
    : null;
  if (!existing) throw notFound(id);
  if (existing.source !== "glitchtip") {
    throw new AppError(
      "bad_request",
      `Only GlitchTip mappings have a webhook token (this one's source is ${existing.source})`,
    );
  }
  const token = newToken();
  let row: MappingRow;
  try {
    row = await db.$transaction(async (tx) => {
      const rotated = await tx.sourceMapping.update({
        where: { id },
        data: { webhookTokenHash: hashToken(token) },
        select: mappingSelect,
      });
      await recordAdminChange(tx, {
        actorId: options.actorId,
        action: "mapping.webhook_token_rotated",
        targetType: "mapping",
        targetId: id,
        targetName: auditName(rotated),
        details: { webhookToken: secretChange(token) },
      });
      return rotated;
    });
  } catch (error) {
    if (isRecordNotFound(error)) throw notFound(id);
    throw error;
  }
  return { ...toView(row), webhook: webhookCredentials(options.baseUrl, row, token) };
}

type Settings = Omit<z.output<typeof updateMappingSchema>, "source" | "externalProject" | "projectKey">;

/** The optional settings of an input as column values; absent fields stay undefined (unchanged / database default). */
function settingsData(input: Settings) {
  return {
    githubRepo: input.githubRepo,
    githubPathPrefix: input.githubPathPrefix,
    githubTokenEncrypted: sealSecret(input.githubToken),
    glitchtipApiUrl: input.glitchtipApiUrl,
    glitchtipTokenEncrypted: sealSecret(input.glitchtipToken),
    jiraConnectionId: input.jiraConnectionId,
    jiraProjectKey: input.jiraProjectKey,
    jiraIssueType: input.jiraIssueType,
    jiraLabels: input.jiraLabels,
    jiraComponents: input.jiraComponents,
    jiraPriorities:
      input.jiraPriorities === undefined
        ? undefined
        : input.jiraPriorities === null
          ? Prisma.DbNull
          : (input.jiraPriorities as Prisma.InputJsonObject),
    jiraTicketsPerHour: input.jiraTicketsPerHour,
    onResolve: input.onResolve,
    escalationPriority: input.escalationPriority,
  };
}

interface Combination {
  source: string;
  externalProject: string;
  jiraConnectionId: string | null;
  jiraProjectKey: string | null;
}

/** Rules that span fields, checked on the mapping as it will be. */
function checkCombination(mapping: Combination, jiraTouched: boolean): void {
  const project = mapping.externalProject;
  if (project !== FALLBACK) {
    if (mapping.source === "glitchtip" && !/^[^/\s]+\/[^/\s]+$/.test(project)) {
      throw invalidField(
        "externalProject",
        `a GlitchTip project is "organization-slug/project-slug" (or "*" for the fallback), got ${JSON.stringify(project)}`,
      );
    }
    if (mapping.source === "sentry" && /[/\s]/.test(project)) {
      throw invalidField(
        "externalProject",
        `a Sentry project is its slug, e.g. "web-app" (or "*" for the fallback), got ${JSON.stringify(project)}`,
      );
    }
  }
  if (!jiraTouched) return;
  if (mapping.jiraConnectionId && !mapping.jiraProjectKey) {
    throw invalidField(
      "jiraProjectKey",
      "is required with jiraConnectionId (the Jira project that receives the tickets)",
    );
  }
  if (mapping.jiraProjectKey && !mapping.jiraConnectionId) {
    throw invalidField("jiraConnectionId", "is required with jiraProjectKey (the Jira site that holds the project)");
  }
}

async function projectIdForKey(db: Db, key: string): Promise<string> {
  const project = await db.project.findUnique({ where: { key }, select: { id: true } });
  if (!project) throw invalidField("projectKey", `unknown project ${key} (create it with POST /api/admin/projects)`);
  return project.id;
}

async function assertConnectionExists(db: Db, id: string): Promise<void> {
  const found = looksLikeId(id) && (await db.jiraConnection.findUnique({ where: { id }, select: { id: true } }));
  if (!found) throw invalidField("jiraConnectionId", `unknown Jira connection ${id}`);
}

function translateWriteError(
  error: unknown,
  mapping: { source: string; externalProject: string },
  id?: string,
): unknown {
  if (isUniqueViolation(error)) {
    return new AppError(
      "conflict",
      `A ${mapping.source} mapping for external project "${mapping.externalProject}" already exists`,
    );
  }
  if (isForeignKeyViolation(error))
    return new AppError("bad_request", "The project or Jira connection was deleted meanwhile; try again");
  if (id && isRecordNotFound(error)) return notFound(id);
  return error;
}

function notFound(id: string): AppError {
  return new AppError("not_found", `Mapping ${id} not found`);
}
