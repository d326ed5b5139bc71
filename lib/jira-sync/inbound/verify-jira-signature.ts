// Jira admin webhooks sign the raw body: `X-Hub-Signature: sha256=<hex>` (HMAC-SHA256 with the
// webhook's secret). Each connection may have its own secret; the one that matches names the site.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface SignedConnection {
  id: string;
  secret: string;
}

export function matchJiraSignature(
  body: Buffer,
  header: string | null,
  connections: SignedConnection[],
): string | null {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  if (!match) return null;
  const given = Buffer.from(match[1]!.toLowerCase(), "hex");
  let found: string | null = null;
  // Check every secret (no early exit) so timing does not tell how many connections there are.
  for (const connection of connections) {
    const expected = createHmac("sha256", connection.secret).update(body).digest();
    if (timingSafeEqual(expected, given) && found === null) found = connection.id;
  }
  return found;
}

export function signJiraBody(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
