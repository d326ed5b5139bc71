// "Send test alert" for a GlitchTip mapping: an alert as GlitchTip 6 builds it, posted to the webhook URL
// the admin was just shown (the token is only ever in that URL; we keep its hash), over HTTP to this
// tracker, so it proves the URL GlitchTip will call.
import { randomInt } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { recordAdminChange } from "./audit-log";
import type { AdminActor } from "./common";
import { post, type TestSendResult } from "./send-test-event";

export function glitchtipTestAlert(externalProject: string, host: string, id = randomInt(100_000, 999_999)) {
  const [org = "acme", project = "web"] = externalProject === "*" ? [] : externalProject.split("/");
  return {
    text: "GlitchTip Alert",
    attachments: [
      {
        title: "ValueError: Test alert sent from the tracker's settings",
        title_link: `https://${host}/${org}/issues/${id}`,
        text: "send_test_alert",
        color: "#e52b50",
        fields: [
          { title: "Project", value: project, short: true },
          { title: "Environment", value: "test", short: true },
        ],
        mrkdown_in: ["text"],
      },
    ],
  };
}

export interface SendGlitchTipTestInput extends AdminActor {
  baseUrl: string;
  /** The webhook or bridge URL shown once, with its token. */
  url: string;
  fetch?: typeof fetch;
}

export async function sendGlitchTipTestAlert(db: Db, input: SendGlitchTipTestInput): Promise<TestSendResult> {
  const base = new URL(input.baseUrl);
  let target: URL;
  try {
    target = new URL(input.url);
  } catch {
    throw new AppError("bad_request", "url: must be the webhook URL shown for the mapping");
  }
  // Only this tracker's own GlitchTip endpoints: the action must not post anywhere an admin types.
  const webhook = /^\/api\/glitchtip\/webhook\/([0-9a-f-]{36})$/i.exec(target.pathname);
  const bridge = /^\/api\/v1\/alert\/[^/]+$/.exec(target.pathname);
  if (target.origin !== base.origin || (!webhook && !bridge)) {
    throw new AppError(
      "bad_request",
      `url: must be this tracker's GlitchTip webhook or bridge URL (${base.origin}/api/glitchtip/webhook/… or /api/v1/alert/…)`,
    );
  }
  const mapping = webhook
    ? await db.sourceMapping.findUnique({
        where: { id: webhook[1]! },
        select: { id: true, externalProject: true, glitchtipApiUrl: true },
      })
    : null;
  const host = mapping?.glitchtipApiUrl ? new URL(mapping.glitchtipApiUrl).host : "glitchtip.example.com";
  const body = JSON.stringify(glitchtipTestAlert(mapping?.externalProject ?? "acme/web", host));
  const result = await post(input.fetch ?? fetch, target.href, body, {
    "content-type": "application/json",
    "user-agent": "tracker-admin-test",
  });
  await recordAdminChange(db, {
    actorId: input.actorId,
    action: "glitchtip.test_alert_sent",
    targetType: "mapping",
    targetId: mapping?.id ?? null,
    targetName: mapping?.externalProject ?? target.pathname,
    details: { status: result.status, issue: result.issue?.identifier, endpoint: webhook ? "webhook" : "bridge" },
  });
  return result;
}
