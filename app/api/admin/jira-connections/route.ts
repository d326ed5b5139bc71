// GET /api/admin/jira-connections — Jira sites with their credential status; POST — create one. Admin only.

import { createJiraConnection, listJiraConnections } from "@/lib/admin/jira-connections";
import { getDb } from "@/lib/db";
import { json, readJsonBody } from "@/lib/http/json-api";
import { adminRoute } from "../_lib/admin-route";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ connections: await listJiraConnections(getDb()) }));

export const POST = adminRoute(async (request, _params, admin) =>
  json(await createJiraConnection(getDb(), await readJsonBody(request), { actorId: admin.id }), 201),
);
