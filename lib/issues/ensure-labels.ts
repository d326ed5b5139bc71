// Labels are global and named uniquely; their ids are cached per process because they never change.
import type { Db } from "../db";
import { isUniqueViolation } from "../errors";
import { createMemoCache } from "../memo-cache";
import type { LabelSpec } from "../sources/types";

// Bounded only so that a flood of distinct label names cannot grow the process without limit.
const labelIds = createMemoCache<string>({ maxEntries: 10_000 });

export async function ensureLabels(db: Db, labels: LabelSpec[]): Promise<string[]> {
  return Promise.all(labels.map((label) => ensureLabel(db, label)));
}

async function ensureLabel(db: Db, label: LabelSpec): Promise<string> {
  const cached = labelIds.get(label.name);
  if (cached) return cached;
  let row = await db.label.findUnique({ where: { name: label.name }, select: { id: true } });
  if (!row) {
    try {
      row = await db.label.create({ data: label, select: { id: true } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      row = await db.label.findUniqueOrThrow({ where: { name: label.name }, select: { id: true } });
    }
  }
  labelIds.set(label.name, row.id);
  return row.id;
}

/** Forget cached ids (tests that recreate the database call this). */
export function clearLabelCache(): void {
  labelIds.clear();
}
