// Internal projects for the admin API and console: list, create, rename (mappings point at them by key).
// A project's key is fixed once it has issues: identifiers such as WEB-12 are built from it and are
// already written into Jira tickets, links and commit messages.
import { z } from "zod";
import type { Db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { invalidField, parseInput } from "../validation";
import { recordAdminChange } from "./audit-log";
import { type AdminActor, isRecordNotFound, looksLikeId, str } from "./common";

export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;

const projectFields = {
  key: str()
    .trim()
    .regex(PROJECT_KEY_PATTERN, "must be 2-10 upper-case letters/digits starting with a letter, e.g. WEB"),
  name: str().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
};

export const createProjectSchema = z.strictObject(projectFields);
export const updateProjectSchema = z.strictObject(z.object(projectFields).partial().shape);

export type CreateProjectInput = z.input<typeof createProjectSchema>;
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;

const projectSelect = {
  id: true,
  key: true,
  name: true,
  createdAt: true,
  _count: { select: { issues: true, mappings: true } },
} as const;

export interface ProjectView {
  id: string;
  key: string;
  name: string;
  issueCount: number;
  mappingCount: number;
  createdAt: Date;
}

type ProjectRow = {
  id: string;
  key: string;
  name: string;
  createdAt: Date;
  _count: { issues: number; mappings: number };
};

function toView(row: ProjectRow): ProjectView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    issueCount: row._count.issues,
    mappingCount: row._count.mappings,
    createdAt: row.createdAt,
  };
}

export const KEY_FIXED_REASON =
  "its issues' identifiers (such as WEB-12) are already in Jira tickets, links and commit messages";

export async function listProjects(db: Db): Promise<ProjectView[]> {
  const rows = await db.project.findMany({ orderBy: { key: "asc" }, take: 1000, select: projectSelect });
  return rows.map(toView);
}

export async function getProject(db: Db, id: string): Promise<ProjectView> {
  const row = looksLikeId(id) ? await db.project.findUnique({ where: { id }, select: projectSelect }) : null;
  if (!row) throw notFound(id);
  return toView(row);
}

export async function createProject(db: Db, rawInput: unknown, actor: AdminActor): Promise<ProjectView> {
  const input = parseInput(createProjectSchema, rawInput);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.project.create({ data: input, select: projectSelect });
      await recordAdminChange(tx, {
        actorId: actor.actorId,
        action: "project.created",
        targetType: "project",
        targetId: row.id,
        targetName: row.key,
        details: input,
      });
      return toView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `Project ${input.key} already exists`);
    throw error;
  }
}

/** Renames a project; its key changes only while it has no issues (the row is locked, so none arrive meanwhile). */
export async function updateProject(db: Db, id: string, rawInput: unknown, actor: AdminActor): Promise<ProjectView> {
  const input = parseInput(updateProjectSchema, rawInput);
  if (!looksLikeId(id)) throw notFound(id);
  try {
    return await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ key: string }[]>`SELECT key FROM project WHERE id = ${id} FOR UPDATE`;
      if (locked.length === 0) throw notFound(id);
      const keyChanges = input.key !== undefined && input.key !== locked[0]!.key;
      if (keyChanges && (await tx.issue.count({ where: { projectId: id } })) > 0) {
        throw invalidField("key", `cannot change once the project has issues: ${KEY_FIXED_REASON}`);
      }
      const row = await tx.project.update({
        where: { id },
        data: { name: input.name, key: keyChanges ? input.key : undefined },
        select: projectSelect,
      });
      await recordAdminChange(tx, {
        actorId: actor.actorId,
        action: "project.updated",
        targetType: "project",
        targetId: id,
        targetName: row.key,
        details: {
          name: input.name,
          key: keyChanges ? input.key : undefined,
          previousKey: keyChanges ? locked[0]!.key : undefined,
        },
      });
      return toView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `Project ${input.key} already exists`);
    if (isRecordNotFound(error)) throw notFound(id);
    throw error;
  }
}

function notFound(id: string): AppError {
  return new AppError("not_found", `Project ${id} not found`);
}
