// Requests that fail inside Next.js before any of our code runs, so that only the HTTP server in
// front of it (scripts/serve.ts) can answer them properly:
// - TRACE, TRACK and CONNECT: the fetch standard forbids them, and Next's `new Request()` throws (500);
// - a path whose percent-encoding does not decode (`/issues/%ff`): Next decodes dynamic segments and
//   throws (500); a path that decodes to a NUL would reach the database, which refuses it;
// - a page POST that Next takes for a server action, with an Origin that does not parse or names
//   another site: Next throws on the first and answers its own CSRF refusal with a 500.

/** Methods a route may have; the answer to a forbidden one lists them. */
export const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const FORBIDDEN_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

export interface UnservableAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: string };
}

/** Request headers as Node gives them (lower-case names). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

const refuse = (status: number, error: string, headers: Record<string, string> = {}): UnservableAnswer => ({
  status,
  headers,
  body: { error },
});
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The answer for a request Next.js cannot serve; undefined when it can. */
export function unservableRequest(
  method: string | undefined,
  url: string | undefined,
  headers: RequestHeaders = {},
): UnservableAnswer | undefined {
  const verb = method?.toUpperCase();
  if (verb && FORBIDDEN_METHODS.has(verb))
    return refuse(405, `Method ${verb} is not allowed`, { allow: ALLOWED_METHODS });
  const path = (url ?? "/").split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return refuse(400, "Malformed URL: the path's percent-encoding is not valid UTF-8");
  }
  if (decoded.includes("\0")) return refuse(400, "Malformed URL: the path contains a NUL character");
  if (verb === "POST" && !path.startsWith("/api/") && isPossibleServerAction(headers)) return crossSiteAction(headers);
  return undefined;
}

/** What Next treats as a server action (its getServerActionRequestMetadata), on a POST to a page. */
function isPossibleServerAction(headers: RequestHeaders): boolean {
  const type = first(headers["content-type"]) ?? "";
  return (
    headers["next-action"] !== undefined ||
    type === "application/x-www-form-urlencoded" ||
    type.startsWith("multipart/form-data")
  );
}

/** Next's CSRF check of a server action, answered 400/403 instead of 500: the Origin must be this host. */
function crossSiteAction(headers: RequestHeaders): UnservableAnswer | undefined {
  const origin = first(headers.origin);
  if (origin === undefined) return undefined; // not a browser's request: Next lets it through, and so do we
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return refuse(400, "Malformed Origin header");
  }
  const host = first(headers["x-forwarded-host"])?.split(",")[0]?.trim() || first(headers.host);
  return originHost === host ? undefined : refuse(403, "Cross-origin server action refused");
}
