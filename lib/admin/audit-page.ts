// The audit log's page cursor in the query string: `<createdAt ISO>_<id>` of the last entry shown.
import { z } from "zod";
import type { AuditEntryView } from "./audit-log";

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f-]{36})$/i;

export const auditCursorSchema = z
  .string()
  .regex(CURSOR, "is not a page cursor")
  .transform((value) => {
    const [, at, id] = CURSOR.exec(value)!;
    return { createdAt: new Date(at!), id: id!.toLowerCase() };
  })
  .optional();

export const auditCursorOf = (entry: Pick<AuditEntryView, "createdAt" | "id">) =>
  `${entry.createdAt.toISOString()}_${entry.id}`;
