// Sentry signs the raw request bytes: lowercase hex HMAC-SHA256 keyed with the integration's client secret.
import { createHmac, timingSafeEqual } from "node:crypto";

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export function signSentryBody(body: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export function verifySentrySignature(body: Buffer, signature: string | null | undefined, secret: string): boolean {
  if (!signature || !HEX_SHA256.test(signature.trim())) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature.trim(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
