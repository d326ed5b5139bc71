// GET /api/admin/mappings — every source mapping; POST — create one (a GlitchTip mapping's answer
// carries its webhook token and URLs, shown this once). Admin only.

import { createMapping, listMappingViews } from "@/lib/admin/mappings";
import { getDb } from "@/lib/db";
import { json, readJsonBody } from "@/lib/http/json-api";
import { adminRoute, publicBaseUrl } from "../_lib/admin-route";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ mappings: await listMappingViews(getDb()) }));

export const POST = adminRoute(async (request, _params, admin) =>
  json(
    await createMapping(getDb(), await readJsonBody(request), { baseUrl: publicBaseUrl(request), actorId: admin.id }),
    201,
  ),
);
