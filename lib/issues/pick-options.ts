// What the triage pickers offer: every person (assignee), every label, every project.
import type { Db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { ensureDefaultProject } from "../ingest/resolve-project";
import { parseInput } from "../validation";
import { createLabelSchema } from "./issue-fields";

export interface PickOptions {
  users: { id: string; name: string | null; email: string }[];
  labels: { id: string; name: string; color: string }[];
  projects: { key: string; name: string; hasJira: boolean }[];
}

export async function loadPickOptions(db: Db): Promise<PickOptions> {
  // A fresh install has no project until the first error arrives; "New issue" needs one to file under.
  if ((await db.project.count()) === 0) await ensureDefaultProject(db);
  const [users, labels, projects] = await Promise.all([
    db.user.findMany({
      select: { id: true, name: true, email: true },
      orderBy: [{ name: "asc" }, { email: "asc" }],
      take: 1000,
    }),
    db.label.findMany({ select: { id: true, name: true, color: true }, orderBy: { name: "asc" }, take: 1000 }),
    db.project.findMany({
      select: {
        key: true,
        name: true,
        mappings: {
          where: { jiraConnectionId: { not: null }, jiraProjectKey: { not: null } },
          select: { id: true },
          take: 1,
        },
      },
      orderBy: { key: "asc" },
    }),
  ]);
  return {
    users,
    labels,
    projects: projects.map(({ mappings, ...project }) => ({ ...project, hasJira: mappings.length > 0 })),
  };
}

export async function createLabel(db: Db, input: { name: unknown; color: unknown }) {
  const data = parseInput(createLabelSchema, input);
  try {
    return await db.label.create({ data, select: { id: true, name: true, color: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A label named “${data.name}” already exists`);
    throw error;
  }
}
