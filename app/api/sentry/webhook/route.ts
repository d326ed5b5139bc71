// POST /api/sentry/webhook — Sentry integration-platform deliveries; GET — health check (docs/sentry-contract.md).
import { getDb } from "@/lib/db";
import { respondToWebhook } from "@/lib/http/webhook-response";
import { ingestDelivery } from "@/lib/ingest/ingest-delivery";
import { sentryAdapter } from "@/lib/sources/sentry/adapter";
import { SUPPORTED_EVENTS } from "@/lib/sources/sentry/event-table";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return respondToWebhook(request, (body, origin) =>
    ingestDelivery(getDb(), sentryAdapter, { body, headers: request.headers, origin }),
  );
}

export function GET() {
  return Response.json({
    status: "ok",
    endpoint: "/api/sentry/webhook",
    description: "Sentry webhook endpoint for automatic issue creation",
    supported_events: SUPPORTED_EVENTS,
  });
}
