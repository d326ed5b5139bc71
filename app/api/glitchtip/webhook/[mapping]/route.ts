// POST /api/glitchtip/webhook/{mapping id}?token=… (or Authorization: Bearer …) — GlitchTip alert
// webhooks for one source mapping; GET — health check.
import { getDb } from "@/lib/db";
import { respondToWebhook } from "@/lib/http/webhook-response";
import { ingestGlitchTipDelivery } from "@/lib/ingest/ingest-glitchtip";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ mapping: string }> }) {
  const { mapping } = await params;
  return respondToWebhook(request, (body, origin) =>
    ingestGlitchTipDelivery(getDb(), {
      body,
      url: request.url,
      headers: request.headers,
      origin,
      route: { mappingId: mapping },
    }),
  );
}

export function GET() {
  return Response.json({
    status: "ok",
    endpoint: "/api/glitchtip/webhook/{mapping}",
    description: "GlitchTip alert webhook: one issue per alerted GlitchTip issue or uptime monitor",
    authentication: "the mapping's secret as ?token= or Authorization: Bearer",
  });
}
