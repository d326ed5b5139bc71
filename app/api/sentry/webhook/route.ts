// POST /api/sentry/webhook — Sentry integration-platform deliveries; GET — health check (seed spec 002).
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { errorResponse, ingestDelivery } from "@/lib/ingest/ingest-delivery";
import { sentryAdapter } from "@/lib/sources/sentry/adapter";
import { SUPPORTED_EVENTS } from "@/lib/sources/sentry/event-table";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  let body: Buffer;
  try {
    body = await readBodyWithLimit(request);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const { status, body: payload } = errorResponse(error);
    return Response.json(payload, { status });
  }
  const outcome = await ingestDelivery(getDb(), sentryAdapter, { body, headers: request.headers });
  return Response.json(outcome.body, { status: outcome.status });
}

export function GET() {
  return Response.json({
    status: "ok",
    endpoint: "/api/sentry/webhook",
    description: "Sentry webhook endpoint for automatic issue creation",
    supported_events: SUPPORTED_EVENTS,
  });
}
