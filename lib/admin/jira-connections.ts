// Jira connections for the admin API: a Jira site and the credentials to reach it. The API token and
// the webhook secret are write-only (sealed with the secret box, reported back as `hasToken` /
// `hasWebhookSecret`). The sync's verdict on the credentials (status unknown | ok | broken, with the
// reason) is shown; changing the credentials sets it back to unknown so that held work is tried again.
import { z } from "zod";
import { newToken } from "../crypto/secret-box";
import type { Db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { ConnectionStatus, JiraFlavor } from "../generated/prisma/enums";
import { invalidField, parseInput } from "../validation";
import { recordAdminChange, secretChange } from "./audit-log";
import { type AdminActor, httpUrl, isRecordNotFound, looksLikeId, sealSecret, secretInput, str } from "./common";

const connectionFields = {
  name: str().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  baseUrl: httpUrl,
  token: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? "is required"
          : issue.input === null
            ? "cannot be cleared: a Jira connection needs a token"
            : "must be a string",
    })
    .trim()
    .min(1, "must not be empty"),
};

const optionalConnectionFields = {
  flavor: z.enum(["cloud", "datacenter"], {
    error: 'must be "cloud" (Jira Cloud) or "datacenter" (Jira Data Center / Server)',
  }),
  email: z.email("must be an email address (the Atlassian account of the API token)").nullable(),
  webhookSecret: secretInput,
};

export const createJiraConnectionSchema = z.strictObject({
  ...connectionFields,
  ...z.object(optionalConnectionFields).partial().shape,
});
export const updateJiraConnectionSchema = z.strictObject(
  z.object({ ...connectionFields, ...optionalConnectionFields }).partial().shape,
);
export type CreateJiraConnectionInput = z.input<typeof createJiraConnectionSchema>;
export type UpdateJiraConnectionInput = z.input<typeof updateJiraConnectionSchema>;

const connectionSelect = {
  id: true,
  name: true,
  flavor: true,
  baseUrl: true,
  email: true,
  tokenEncrypted: true,
  webhookSecretEncrypted: true,
  status: true,
  statusReason: true,
  statusChangedAt: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { mappings: true } },
} as const satisfies Prisma.JiraConnectionSelect;

type ConnectionRow = Prisma.JiraConnectionGetPayload<{ select: typeof connectionSelect }>;

export interface JiraConnectionView {
  id: string;
  name: string;
  flavor: JiraFlavor;
  baseUrl: string;
  email: string | null;
  hasToken: boolean;
  hasWebhookSecret: boolean;
  /** broken: Jira refused the credentials (401/403); pending ticket work waits until they are fixed. */
  status: ConnectionStatus;
  statusReason: string | null;
  statusChangedAt: Date | null;
  mappingCount: number;
  createdAt: Date;
  updatedAt: Date;
}

function toView(row: ConnectionRow): JiraConnectionView {
  return {
    id: row.id,
    name: row.name,
    flavor: row.flavor,
    baseUrl: row.baseUrl,
    email: row.email,
    hasToken: row.tokenEncrypted.length > 0,
    hasWebhookSecret: row.webhookSecretEncrypted !== null,
    status: row.status,
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt,
    mappingCount: row._count.mappings,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listJiraConnections(db: Db): Promise<JiraConnectionView[]> {
  const rows = await db.jiraConnection.findMany({ orderBy: { name: "asc" }, take: 1000, select: connectionSelect });
  return rows.map(toView);
}

export async function getJiraConnection(db: Db, id: string): Promise<JiraConnectionView> {
  const row = looksLikeId(id) ? await db.jiraConnection.findUnique({ where: { id }, select: connectionSelect }) : null;
  if (!row) throw notFound(id);
  return toView(row);
}

/** An input as audit details: the fields sent, secrets only as replaced/cleared. */
function auditDetails(input: UpdateJiraConnectionInput): Record<string, unknown> {
  return { ...input, token: secretChange(input.token), webhookSecret: secretChange(input.webhookSecret) };
}

export async function createJiraConnection(db: Db, rawInput: unknown, actor: AdminActor): Promise<JiraConnectionView> {
  const input = parseInput(createJiraConnectionSchema, rawInput);
  const flavor = input.flavor ?? "cloud";
  checkEmail(flavor, input.email ?? null);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.jiraConnection.create({
        data: {
          name: input.name,
          flavor,
          baseUrl: input.baseUrl,
          email: input.email ?? null,
          tokenEncrypted: sealSecret(input.token)!,
          webhookSecretEncrypted: sealSecret(input.webhookSecret) ?? null,
        },
        select: connectionSelect,
      });
      await recordAdminChange(tx, {
        actorId: actor.actorId,
        action: "jira_connection.created",
        targetType: "jira_connection",
        targetId: row.id,
        targetName: row.name,
        details: auditDetails(input),
      });
      return toView(row);
    });
  } catch (error) {
    throw translateWriteError(error, input.name);
  }
}

export async function updateJiraConnection(
  db: Db,
  id: string,
  rawInput: unknown,
  actor: AdminActor,
  now = new Date(),
): Promise<JiraConnectionView> {
  const input = parseInput(updateJiraConnectionSchema, rawInput);
  const existing = looksLikeId(id)
    ? await db.jiraConnection.findUnique({
        where: { id },
        select: { name: true, flavor: true, email: true, status: true },
      })
    : null;
  if (!existing) throw notFound(id);
  if (input.flavor !== undefined || input.email !== undefined) {
    checkEmail(input.flavor ?? existing.flavor, input.email === undefined ? existing.email : input.email);
  }
  const credentialsChanged = [input.flavor, input.baseUrl, input.email, input.token].some(
    (value) => value !== undefined,
  );
  const resetStatus = credentialsChanged && existing.status !== "unknown";
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.jiraConnection.update({
        where: { id },
        data: {
          name: input.name,
          flavor: input.flavor,
          baseUrl: input.baseUrl,
          email: input.email,
          tokenEncrypted: sealSecret(input.token) ?? undefined,
          webhookSecretEncrypted: sealSecret(input.webhookSecret),
          ...(resetStatus ? { status: "unknown" as const, statusReason: null, statusChangedAt: now } : {}),
        },
        select: connectionSelect,
      });
      await recordAdminChange(tx, {
        actorId: actor.actorId,
        action: "jira_connection.updated",
        targetType: "jira_connection",
        targetId: id,
        targetName: row.name,
        details: auditDetails(input),
      });
      return toView(row);
    });
  } catch (error) {
    if (isRecordNotFound(error)) throw notFound(id);
    throw translateWriteError(error, input.name ?? existing.name);
  }
}

/**
 * Deletes an unused connection. One that mappings still use, or that holds tickets, is kept (409):
 * deleting it would silently stop those mappings' tickets, or forget which issue each ticket belongs to.
 */
export async function deleteJiraConnection(db: Db, id: string, actor: AdminActor): Promise<void> {
  const row = looksLikeId(id)
    ? await db.jiraConnection.findUnique({
        where: { id },
        select: { name: true, _count: { select: { mappings: true, tickets: true } } },
      })
    : null;
  if (!row) throw notFound(id);
  const { mappings, tickets } = row._count;
  if (mappings > 0) {
    throw new AppError(
      "conflict",
      `Jira connection ${id} is used by ${mappings} mapping(s): point them elsewhere or clear their jiraConnectionId first`,
    );
  }
  if (tickets > 0) {
    throw new AppError(
      "conflict",
      `Jira connection ${id} holds ${tickets} Jira ticket(s) of tracked issues; fix its credentials instead of deleting it`,
    );
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.jiraConnection.deleteMany({ where: { id } });
    if (count === 0) throw notFound(id);
    await recordAdminChange(tx, {
      actorId: actor.actorId,
      action: "jira_connection.deleted",
      targetType: "jira_connection",
      targetId: id,
      targetName: row.name,
    });
  });
}

/** A new random secret for Jira's admin webhook (the old one stops working), returned this once; stored sealed. */
export async function rotateJiraWebhookSecret(
  db: Db,
  id: string,
  actor: AdminActor,
): Promise<{ secret: string; connection: JiraConnectionView }> {
  if (!looksLikeId(id)) throw notFound(id);
  const secret = newToken();
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.jiraConnection.update({
        where: { id },
        data: { webhookSecretEncrypted: sealSecret(secret) },
        select: connectionSelect,
      });
      await recordAdminChange(tx, {
        actorId: actor.actorId,
        action: "jira_connection.webhook_secret_rotated",
        targetType: "jira_connection",
        targetId: id,
        targetName: row.name,
        details: { webhookSecret: secretChange(secret) },
      });
      return { secret, connection: toView(row) };
    });
  } catch (error) {
    if (isRecordNotFound(error)) throw notFound(id);
    throw error;
  }
}

function checkEmail(flavor: JiraFlavor, email: string | null): void {
  if (flavor === "cloud" && !email) {
    throw invalidField("email", "is required for Jira Cloud (the Atlassian account of the API token, for Basic auth)");
  }
}

function translateWriteError(error: unknown, name: string): unknown {
  if (isUniqueViolation(error)) return new AppError("conflict", `A Jira connection named "${name}" already exists`);
  return error;
}

function notFound(id: string): AppError {
  return new AppError("not_found", `Jira connection ${id} not found`);
}
