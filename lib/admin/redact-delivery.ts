// What the console shows of a stored delivery must never hand out a credential: signature and
// authorization headers, a token in a path or query, a secret-looking field of the payload.
const SECRET_HEADER = /signature|authorization|cookie|token|secret|api[-_]?key|password/i;
const SECRET_FIELD =
  /^(.*[-_])?(token|secret|password|passwd|authorization|signature|api[-_]?key|client[-_]?secret|private[-_]?key)$/i;
export const REDACTED = "[redacted]";

export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => [name, SECRET_HEADER.test(name) ? REDACTED : String(value)]),
  );
}

/** A request path as shown: a webhook URL's secret segment (GlitchTip's mapping token) and any query value hidden. */
export function redactEndpoint(endpoint: string): string {
  const [path = "", query] = endpoint.split("?", 2);
  const shownPath = path.replace(/^(\/api\/glitchtip\/webhook\/)[^/]+/, `$1${REDACTED}`);
  if (query === undefined) return shownPath;
  const names = query.split("&").map((pair) => `${pair.split("=", 1)[0]}=${REDACTED}`);
  return `${shownPath}?${names.join("&")}`;
}

/** The payload pretty-printed, secret-named fields replaced; a body that is not JSON is shown as text. */
export function prettyPayload(body: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(body), redactField, 2), json: true };
  } catch {
    return { text: body.replace(/([?&](?:token|secret|key)=)[^&\s"]+/gi, `$1${REDACTED}`), json: false };
  }
}

function redactField(key: string, value: unknown): unknown {
  if (key && SECRET_FIELD.test(key) && value !== null && typeof value !== "object") return REDACTED;
  if (typeof value === "string") return value.replace(/([?&](?:token|secret|key)=)[^&\s"]+/gi, `$1${REDACTED}`);
  return value;
}
