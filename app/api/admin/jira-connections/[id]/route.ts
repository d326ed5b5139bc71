// GET/PATCH/DELETE /api/admin/jira-connections/:id — one Jira connection; PATCH changes only the fields
// sent (new credentials reset its status to unknown). Admin only.

import { deleteJiraConnection, getJiraConnection, updateJiraConnection } from "@/lib/admin/jira-connections";
import { getDb } from "@/lib/db";
import { json, readJsonBody } from "@/lib/http/json-api";
import { adminRoute } from "../../_lib/admin-route";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>(async (_request, { id }) => json(await getJiraConnection(getDb(), id)));

export const PATCH = adminRoute<{ id: string }>(async (request, { id }, admin) =>
  json(await updateJiraConnection(getDb(), id, await readJsonBody(request), { actorId: admin.id })),
);

export const DELETE = adminRoute<{ id: string }>(async (_request, { id }, admin) => {
  await deleteJiraConnection(getDb(), id, { actorId: admin.id });
  return new Response(null, { status: 204 });
});
