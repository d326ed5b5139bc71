// Where to go after sign-in: only same-site paths, so ?callbackUrl= (or next-auth's callback-url cookie)
// cannot send a user elsewhere, and never a value that breaks the answer carrying it: over-long, control
// characters, or characters a Location or Set-Cookie header cannot hold (the URL parser percent-encodes
// everything outside ASCII).
const FALLBACK = "/issues";
export const MAX_CALLBACK_URL_LENGTH = 2048;
const PLACEHOLDER_ORIGIN = "http://callback.invalid";

/** `value` as a same-site path (path, query, fragment; ASCII only), or undefined when it is not one. */
function sameSitePath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > MAX_CALLBACK_URL_LENGTH || !value.startsWith("/")) return undefined;
  // "//host" and "/\host" are protocol-relative in browsers; control characters are never legitimate.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser resolves dot segments and turns backslashes into "/": "/.//evil.example" comes out as "//evil.example".
  if (path.startsWith("//")) return undefined;
  return path.length > MAX_CALLBACK_URL_LENGTH ? undefined : path;
}

export function safeCallbackUrl(value: unknown): string {
  const path = sameSitePath(value);
  if (!path || path === "/signin" || path.startsWith("/signin?") || path.startsWith("/setup")) return FALLBACK;
  return path;
}

/**
 * next-auth's redirect callback: a relative path or an absolute URL of our own origin, made safe as
 * above; anything else (another site, "javascript:…", garbage) goes to the start page. Never throws.
 */
export function safeRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  let candidate: string | undefined = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      candidate =
        absolute.origin === new URL(baseUrl).origin
          ? `${absolute.pathname}${absolute.search}${absolute.hash}`
          : undefined;
    } catch {
      candidate = undefined;
    }
  }
  return `${baseUrl}${sameSitePath(candidate) ?? FALLBACK}`;
}
