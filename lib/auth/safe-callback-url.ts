// Where to go after sign-in: only same-site paths, so ?callbackUrl= cannot send a user elsewhere.
const FALLBACK = "/issues";

export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return FALLBACK;
  // "//host" and "/\host" are protocol-relative in browsers; control characters are never legitimate.
  if (value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f]/.test(value)) return FALLBACK;
  if (value === "/signin" || value.startsWith("/signin?") || value.startsWith("/setup")) return FALLBACK;
  return value;
}
