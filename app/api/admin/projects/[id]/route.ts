// GET/PATCH /api/admin/projects/:id — one internal project; PATCH renames it (its key only while it has no issues). Admin only.

import { getProject, updateProject } from "@/lib/admin/projects";
import { getDb } from "@/lib/db";
import { json, readJsonBody } from "@/lib/http/json-api";
import { adminRoute } from "../../_lib/admin-route";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>(async (_request, { id }) => json(await getProject(getDb(), id)));

export const PATCH = adminRoute<{ id: string }>(async (request, { id }, admin) =>
  json(await updateProject(getDb(), id, await readJsonBody(request), { actorId: admin.id })),
);
