// Internal projects for the admin API: list them and create new ones (mappings point at them by key).
import { z } from "zod";
import type { Db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { parseInput } from "../validation";
import { str } from "./common";

export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;

export const createProjectSchema = z.strictObject({
  key: str()
    .trim()
    .regex(PROJECT_KEY_PATTERN, "must be 2-10 upper-case letters/digits starting with a letter, e.g. WEB"),
  name: str().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
});

export type CreateProjectInput = z.input<typeof createProjectSchema>;

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

type ProjectRow = { id: string; key: string; name: string; createdAt: Date; _count: { issues: number; mappings: number } };

function toView(row: ProjectRow): ProjectView {
  return { id: row.id, key: row.key, name: row.name, issueCount: row._count.issues, mappingCount: row._count.mappings, createdAt: row.createdAt };
}

export async function listProjects(db: Db): Promise<ProjectView[]> {
  const rows = await db.project.findMany({ orderBy: { key: "asc" }, take: 1000, select: projectSelect });
  return rows.map(toView);
}

export async function createProject(db: Db, rawInput: unknown): Promise<ProjectView> {
  const input = parseInput(createProjectSchema, rawInput);
  try {
    return toView(await db.project.create({ data: input, select: projectSelect }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `Project ${input.key} already exists`);
    throw error;
  }
}
