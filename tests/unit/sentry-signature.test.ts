import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signSentryBody, verifySentrySignature } from "@/lib/sources/sentry/verify-signature";
import { readSentryFixture } from "../support/sentry";

const secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

describe("verifySentrySignature", () => {
  const body = readSentryFixture("issue_created.docs.json");
  const valid = createHmac("sha256", secret).update(body).digest("hex");

  it("accepts the lowercase hex HMAC-SHA256 of the raw bytes", () => {
    expect(signSentryBody(body, secret)).toBe(valid);
    expect(verifySentrySignature(body, valid, secret)).toBe(true);
  });

  it("rejects a signature made with another secret", () => {
    expect(verifySentrySignature(body, signSentryBody(body, "other-secret"), secret)).toBe(false);
  });

  it("rejects a missing or empty signature", () => {
    expect(verifySentrySignature(body, null, secret)).toBe(false);
    expect(verifySentrySignature(body, undefined, secret)).toBe(false);
    expect(verifySentrySignature(body, "", secret)).toBe(false);
  });

  it("rejects signatures of the wrong length or not hex, without throwing", () => {
    expect(verifySentrySignature(body, valid.slice(0, 62), secret)).toBe(false);
    expect(verifySentrySignature(body, `${valid}00`, secret)).toBe(false);
    expect(verifySentrySignature(body, "zz".repeat(32), secret)).toBe(false);
    expect(verifySentrySignature(body, `sha256=${valid}`, secret)).toBe(false);
  });

  it("rejects a body changed by one byte", () => {
    const tampered = Buffer.from(body);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    expect(verifySentrySignature(tampered, valid, secret)).toBe(false);
  });

  it("verifies non-ASCII bodies over the raw bytes, whether escaped or literal", () => {
    const escaped = Buffer.from('{"title":"Caf\\u00e9 \\u2014 \\u00fcber"}');
    const literal = Buffer.from('{"title":"Café — über"}', "utf8");
    expect(verifySentrySignature(escaped, signSentryBody(escaped, secret), secret)).toBe(true);
    expect(verifySentrySignature(literal, signSentryBody(literal, secret), secret)).toBe(true);
    // Re-serialising the parsed JSON changes the bytes, so its signature must not verify the original.
    const reserialised = JSON.stringify(JSON.parse(escaped.toString()));
    expect(verifySentrySignature(escaped, signSentryBody(reserialised, secret), secret)).toBe(false);
  });

  it("accepts an upper-case hex signature of the right bytes", () => {
    expect(verifySentrySignature(body, valid.toUpperCase(), secret)).toBe(true);
  });
});
