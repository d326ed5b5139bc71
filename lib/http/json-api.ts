// Building blocks of the JSON admin API, on web-standard Request/Response only (no Next.js): read a
// JSON body, refuse cross-site writes, and turn errors into `{ error }` answers with the right status.
import { AppError, errorAnswer } from "../errors";
import { logger } from "../logger";
import { parseJsonOr400 } from "../parse-json";
import { readBodyWithLimit } from "./read-body";

/** Admin payloads are small; anything bigger is a mistake. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** The parsed JSON body; a 400 naming the problem when it is empty or not JSON, a 413 when too large. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = (await readBodyWithLimit(request, limit)).toString("utf8");
  if (text.trim() === "") throw new AppError("bad_request", "Request body is empty: send a JSON object");
  return parseJsonOr400(text, "Request body is not valid JSON");
}

/**
 * Refuses a state-changing request sent by a page of another origin with the admin's cookies
 * (defence in depth beside SameSite=Lax session cookies). Requests without an Origin header (curl,
 * scripts) are not browsers' cross-site requests and pass, unless the browser's Sec-Fetch-Site says
 * the request came from another site.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") throw new AppError("forbidden", "Cross-origin request refused");
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host; // an opaque origin ("null") does not parse
  } catch {
    originHost = undefined;
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "Cross-origin request refused");
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** `{ error }` with the AppError's status (plus `issues` for invalid input); anything else is logged and a 500. */
export function errorToResponse(error: unknown): Response {
  const answer = errorAnswer(error);
  if (answer.unexpected) logger.error({ err: error }, "api.unexpected_error");
  return json(answer.body, answer.status);
}
