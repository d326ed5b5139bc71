// "Send test event" on the Sentry setup page: a realistic `issue.created`, signed with the configured
// client secret and posted to this tracker's own webhook over HTTP, so it takes the path a real
// delivery takes (signature, pipeline, numbering, Jira) and proves the endpoint works end to end.
import { randomInt } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { signSentryBody } from "../sources/sentry/verify-signature";
import { recordAdminChange } from "./audit-log";
import type { AdminActor } from "./common";

export interface TestSendResult {
  status: number;
  /** The issue the delivery created or matched, when the answer names one. */
  issue: { identifier: string } | null;
  /** The endpoint's own words (its `message` or `error`), shown as they came. */
  message: string;
}

const TEST_TIMEOUT_MS = 10_000;

export function sentryTestPayload(slug: string, id = String(randomInt(100_000_000, 999_999_999)), now = new Date()) {
  const seen = now.toISOString().replace("Z", "000Z");
  return {
    action: "created",
    installation: { uuid: "00000000-0000-4000-8000-000000000000" },
    data: {
      issue: {
        id,
        shortId: `${slug.toUpperCase()}-${id.slice(-4)}`,
        title: "TypeError: Test event sent from the tracker's settings",
        culprit: "sendTestEvent(app/admin/sentry)",
        permalink: null,
        web_url: `https://sentry.io/organizations/example/issues/${id}/`,
        level: "error",
        status: "unresolved",
        substatus: "new",
        priority: "medium",
        platform: "javascript",
        project: { id: "1", name: slug, slug, platform: "javascript" },
        metadata: {
          type: "TypeError",
          value: "Test event sent from the tracker's settings",
          filename: "app/admin/sentry.ts",
          function: "sendTestEvent",
        },
        isUnhandled: false,
        count: "1",
        userCount: 0,
        firstSeen: seen,
        lastSeen: seen,
      },
    },
    actor: { type: "application", id: "sentry", name: "Sentry" },
  };
}

export interface SendSentryTestInput extends AdminActor {
  /** This tracker's base URL (NEXTAUTH_URL or the origin the admin reached). */
  baseUrl: string;
  secret: string | undefined;
  /** The Sentry project slug the test claims to come from (a mapped one, so it lands where real ones do). */
  slug: string;
  fetch?: typeof fetch;
}

export async function sendSentryTestEvent(db: Db, input: SendSentryTestInput): Promise<TestSendResult> {
  if (!input.secret)
    throw new AppError("not_configured", "SENTRY_CLIENT_SECRET is not set: the test event could not be signed");
  if (!/^[\w.-]{1,200}$/.test(input.slug) && input.slug !== "*")
    throw new AppError("bad_request", "slug: must be a Sentry project slug");
  const slug = input.slug === "*" ? "tracker-test" : input.slug;
  const body = JSON.stringify(sentryTestPayload(slug));
  const result = await post(input.fetch ?? fetch, `${input.baseUrl.replace(/\/+$/, "")}/api/sentry/webhook`, body, {
    "content-type": "application/json",
    "sentry-hook-resource": "issue",
    "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)),
    "sentry-hook-signature": signSentryBody(body, input.secret),
    "request-id": crypto.randomUUID().replaceAll("-", ""),
  });
  await recordAdminChange(db, {
    actorId: input.actorId,
    action: "sentry.test_event_sent",
    targetType: "sentry",
    targetName: slug,
    details: { status: result.status, issue: result.issue?.identifier },
  });
  return result;
}

/** POSTs a test body to one of our own endpoints and reads its JSON answer; never throws for an HTTP status. */
export async function post(
  doFetch: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<TestSendResult> {
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, {
      method: "POST",
      body,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new AppError(
      "internal",
      `The test could not reach ${new URL(url).origin} (${reason}); is the tracker's base URL (NEXTAUTH_URL) right?`,
    );
  }
  let answer: {
    message?: unknown;
    error?: unknown;
    issue?: { identifier?: unknown };
    items?: { issue?: { identifier?: unknown } }[];
  } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const identifier = answer.issue?.identifier ?? answer.items?.find((item) => item.issue)?.issue?.identifier;
  const fallback = response.ok
    ? typeof identifier === "string"
      ? `accepted as ${identifier}`
      : "accepted"
    : "refused";
  const message =
    typeof answer.message === "string" ? answer.message : typeof answer.error === "string" ? answer.error : fallback;
  return { status: response.status, issue: typeof identifier === "string" ? { identifier } : null, message };
}
