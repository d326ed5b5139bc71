// POST /api/admin/mappings/:id/webhook-token — a new webhook token for a GlitchTip mapping (the old
// one stops working); the answer shows it once with the ready-made URLs. Admin only.

import { rotateWebhookToken } from "@/lib/admin/mappings";
import { getDb } from "@/lib/db";
import { json } from "@/lib/http/json-api";
import { adminRoute, publicBaseUrl } from "../../../_lib/admin-route";

export const dynamic = "force-dynamic";

export const POST = adminRoute<{ id: string }>(async (request, { id }, admin) =>
  json(await rotateWebhookToken(getDb(), id, { baseUrl: publicBaseUrl(request), actorId: admin.id })),
);
