// Secrets `npm start` generates once and keeps in .data (NEXTAUTH_SECRET, SECRETS_KEY).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateSecretsKey, loadOrCreateSecret, storedSecretsKey } from "@/lib/bootstrap/secret";
import { keyFromEnvValue } from "@/lib/crypto/secret-box";
import { parseEnv } from "@/lib/env";

const dirs: string[] = [];
const tempFile = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), "tracker-secret-"));
  dirs.push(dir);
  return join(dir, "nested", name);
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadOrCreateSecret", () => {
  it("generates once, keeps it owner-only, and returns the same secret afterwards", () => {
    const file = tempFile("nextauth-secret");
    const first = loadOrCreateSecret(file);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(file)).toEqual({ secret: first.secret, created: false });
  });

  it("makes a SECRETS_KEY the way `npm start` does: 64 hex characters the env accepts as the raw key", () => {
    const root = dirname(dirname(tempFile("x")));
    const { secret } = generateSecretsKey(root);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(root, ".data/secrets-key"), "utf8").trim()).toBe(secret);
    expect(parseEnv({ SECRETS_KEY: secret }).SECRETS_KEY).toBe(secret);
    expect(keyFromEnvValue(secret).equals(Buffer.from(secret, "hex"))).toBe(true);
  });

  it("lets a standalone worker read the key `npm start` generated, and only read it", () => {
    const root = dirname(dirname(tempFile("x")));
    expect(storedSecretsKey(root)).toBeUndefined();
    expect(existsSync(join(root, ".data"))).toBe(false); // reading never creates one
    const { secret } = generateSecretsKey(root);
    expect(storedSecretsKey(root)).toBe(secret);
    expect(generateSecretsKey(root)).toEqual({ secret, created: false });
  });

  it("refuses a stored secret shorter than the minimum", () => {
    const file = tempFile("secrets-key");
    loadOrCreateSecret(file); // creates the folder
    writeFileSync(file, "too-short-for-a-key\n");
    expect(() => loadOrCreateSecret(file, { minLength: 32 })).toThrow(/at least 32 characters/);
  });
});
