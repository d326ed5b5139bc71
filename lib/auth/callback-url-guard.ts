// Inputs next-auth refuses with a 500 ("server configuration") before any callback of ours runs: a
// callbackUrl query or callback-url cookie that is not an http(s) URL or a path. The proxy (proxy.ts)
// screens them first: a bad query is a 400, a bad cookie is dropped (and deleted in the browser), so one
// stray cookie cannot lock a browser out of signing in. Whatever passes still goes through safeRedirect.
import { MAX_CALLBACK_URL_LENGTH } from "./safe-callback-url";

/** The names next-auth gives its callback-url cookie (the second one behind https). */
export const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"] as const;

/** A value next-auth accepts and a header can carry: printable ASCII, bounded, a path or an http(s) URL. */
export function isUsableCallbackUrl(value: string): boolean {
  if (value.length === 0 || value.length > MAX_CALLBACK_URL_LENGTH || !/^[\x21-\x7e]+$/.test(value)) return false;
  if (value.startsWith("/")) return true;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
