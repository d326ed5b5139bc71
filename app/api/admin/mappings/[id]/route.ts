// GET/PATCH/DELETE /api/admin/mappings/:id — one source mapping; PATCH changes only the fields sent. Admin only.

import { deleteMapping, getMapping, updateMapping } from "@/lib/admin/mappings";
import { getDb } from "@/lib/db";
import { json, readJsonBody } from "@/lib/http/json-api";
import { adminRoute, publicBaseUrl } from "../../_lib/admin-route";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>(async (_request, { id }) => json(await getMapping(getDb(), id)));

export const PATCH = adminRoute<{ id: string }>(async (request, { id }, admin) =>
  json(
    await updateMapping(getDb(), id, await readJsonBody(request), {
      baseUrl: publicBaseUrl(request),
      actorId: admin.id,
    }),
  ),
);

export const DELETE = adminRoute<{ id: string }>(async (_request, { id }, admin) => {
  await deleteMapping(getDb(), id, { actorId: admin.id });
  return new Response(null, { status: 204 });
});
