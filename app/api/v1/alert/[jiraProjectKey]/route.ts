// POST /api/v1/alert/{JIRA_PROJECT_KEY}?token=…&labels=a,b&components=x&issue_type=Bug — drop-in for
// app-sre/glitchtip-jira-bridge: the token is a GlitchTip mapping's secret whose Jira project key is
// the path's; the query's ticket fields override the mapping's. Answers 202 like the bridge.
import { getDb } from "@/lib/db";
import { respondToWebhook } from "@/lib/http/webhook-response";
import { ingestGlitchTipDelivery } from "@/lib/ingest/ingest-glitchtip";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ jiraProjectKey: string }> }) {
  const { jiraProjectKey } = await params;
  return respondToWebhook(
    request,
    (body, origin) =>
      ingestGlitchTipDelivery(getDb(), {
        body,
        url: request.url,
        headers: request.headers,
        origin,
        route: { jiraProjectKey },
      }),
    { successStatus: 202 },
  );
}
