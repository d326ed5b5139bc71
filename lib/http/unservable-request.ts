// Requests that fail inside Next.js before any of our code runs, so that only the HTTP server in
// front of it (scripts/serve.ts) can answer them properly:
// - TRACE, TRACK and CONNECT: the fetch standard forbids them, and Next's `new Request()` throws (500);
// - a path whose percent-encoding does not decode (`/issues/%ff`): Next decodes dynamic segments and
//   throws (500); a path that decodes to a NUL would reach the database, which refuses it.

/** Methods a route may have; the answer to a forbidden one lists them. */
export const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const FORBIDDEN_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

export interface UnservableAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: string };
}

/** The answer for a request Next.js cannot serve; undefined when it can. */
export function unservableRequest(method: string | undefined, url: string | undefined): UnservableAnswer | undefined {
  if (method && FORBIDDEN_METHODS.has(method.toUpperCase())) {
    return { status: 405, headers: { allow: ALLOWED_METHODS }, body: { error: `Method ${method.toUpperCase()} is not allowed` } };
  }
  const path = (url ?? "/").split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { status: 400, headers: {}, body: { error: "Malformed URL: the path's percent-encoding is not valid UTF-8" } };
  }
  if (decoded.includes("\0")) return { status: 400, headers: {}, body: { error: "Malformed URL: the path contains a NUL character" } };
  return undefined;
}
