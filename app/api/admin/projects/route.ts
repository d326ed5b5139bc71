// GET /api/admin/projects — internal projects; POST — create one ({ key, name }). Admin only.

import { createProject, listProjects } from "@/lib/admin/projects";
import { getDb } from "@/lib/db";
import { json, readJsonBody } from "@/lib/http/json-api";
import { adminRoute } from "../_lib/admin-route";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ projects: await listProjects(getDb()) }));

export const POST = adminRoute(async (request, _params, admin) =>
  json(await createProject(getDb(), await readJsonBody(request), { actorId: admin.id }), 201),
);
