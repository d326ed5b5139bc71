// The secret box that seals integration secrets at rest (AES-256-GCM), and the forms SECRETS_KEY may take.
import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hashToken, keyFromEnvValue, newToken, SecretBox } from "@/lib/crypto/secret-box";

const key = randomBytes(32);
const box = new SecretBox(key);

/** Flips one bit of the base64url part `index` (1 iv, 2 tag, 3 ciphertext) of a sealed value. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(":");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(":");
}

describe("SecretBox", () => {
  it("round-trips, including empty and non-ASCII text", () => {
    for (const plaintext of ["glpat-abc123", "", "päss wörd ✓ 🔑", "x".repeat(10_000)]) {
      expect(box.open(box.seal(plaintext))).toBe(plaintext);
    }
  });

  it("stores v1:<iv>:<tag>:<ciphertext> with a fresh nonce each time, never the plaintext", () => {
    const first = box.seal("same secret");
    const second = box.seal("same secret");
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(first).not.toContain("same secret");
  });

  it("throws when the iv, tag or ciphertext was altered", () => {
    const sealed = box.seal("a jira token");
    for (const index of [1, 2, 3]) expect(() => box.open(tamper(sealed, index))).toThrow();
  });

  it("throws when opened with another key", () => {
    const sealed = box.seal("a jira token");
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it("refuses values that are not sealed secrets", () => {
    for (const value of ["plain text", "v2:a:b:c", "v1:onlyiv", ""])
      expect(() => box.open(value)).toThrow("Not a sealed secret");
  });

  it("needs a 32-byte key", () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow("32-byte key");
  });
});

describe("keyFromEnvValue", () => {
  it("takes 64 hex characters as the key bytes", () => {
    const hex = key.toString("hex");
    expect(keyFromEnvValue(hex).equals(key)).toBe(true);
    expect(keyFromEnvValue(hex.toUpperCase()).equals(key)).toBe(true);
  });

  it("takes 32 bytes in base64 or base64url as the key bytes", () => {
    expect(keyFromEnvValue(key.toString("base64")).equals(key)).toBe(true);
    expect(keyFromEnvValue(key.toString("base64url")).equals(key)).toBe(true);
  });

  it("stretches any other string with SHA-256, deterministically", () => {
    const passphrase = "a long passphrase that is not hex or base64!";
    const derived = keyFromEnvValue(passphrase);
    expect(derived.equals(createHash("sha256").update(passphrase).digest())).toBe(true);
    expect(derived).toHaveLength(32);
    // A box made from the same value opens what another sealed.
    expect(new SecretBox(keyFromEnvValue(passphrase)).open(new SecretBox(derived).seal("s"))).toBe("s");
  });

  it("does not mistake 63 hex characters or 31 base64 bytes for raw keys", () => {
    expect(keyFromEnvValue(key.toString("hex").slice(1))).toHaveLength(32);
    expect(keyFromEnvValue(randomBytes(31).toString("base64")).equals(key)).toBe(false);
  });
});

describe("getSecretBox", () => {
  const original = process.env.SECRETS_KEY;
  afterEach(() => {
    if (original === undefined) delete process.env.SECRETS_KEY;
    else process.env.SECRETS_KEY = original;
    vi.resetModules();
  });

  it("is a configuration error without SECRETS_KEY", async () => {
    delete process.env.SECRETS_KEY;
    vi.resetModules();
    const { getSecretBox } = await import("@/lib/crypto/secret-box");
    expect(() => getSecretBox()).toThrow("SECRETS_KEY is not set");
  });

  it("uses SECRETS_KEY", async () => {
    process.env.SECRETS_KEY = key.toString("hex");
    vi.resetModules();
    const { getSecretBox } = await import("@/lib/crypto/secret-box");
    expect(box.open(getSecretBox().seal("from env"))).toBe("from env");
  });
});

describe("webhook URL tokens", () => {
  it("are random, URL-safe, and stored as their SHA-256", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
  });
});
