// POST /api/jira/webhook — Jira admin webhook (ticket status changes flow back to internal issues).
import { getDb } from "@/lib/db";
import { respondToWebhook } from "@/lib/http/webhook-response";
import { ingestJiraWebhook } from "@/lib/ingest/ingest-jira-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return respondToWebhook(request, (body, origin) =>
    ingestJiraWebhook(getDb(), { body, headers: request.headers, origin }),
  );
}
