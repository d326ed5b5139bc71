// A secret generated once and kept in a file readable only by its owner (NEXTAUTH_SECRET and
// SECRETS_KEY for `npm start`).
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Where `npm start` keeps what it generated, relative to the project root. */
export const NEXTAUTH_SECRET_PATH = ".data/nextauth-secret";
export const SECRETS_KEY_PATH = ".data/secrets-key";
const SECRETS_KEY_MIN_LENGTH = 32;

export interface SecretOptions {
  /** Makes a new secret (default: 32 random bytes, base64url). */
  generate?: () => string;
  /** A stored secret shorter than this is refused (default 16). */
  minLength?: number;
}

export function loadOrCreateSecret(file: string, options: SecretOptions = {}): { secret: string; created: boolean } {
  const minLength = options.minLength ?? 16;
  const existing = readSecret(file, minLength);
  if (existing !== undefined) return { secret: existing, created: false };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = options.generate?.() ?? randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { secret: readSecret(file, minLength)!, created: false }; // another process wrote it first
  }
  return { secret, created: true };
}

/** The SECRETS_KEY that `npm start` generated under `root`, if it did: a worker beside it must seal and open with the same key. */
export function storedSecretsKey(root: string): string | undefined {
  return readSecret(join(root, SECRETS_KEY_PATH), SECRETS_KEY_MIN_LENGTH);
}

export function generateSecretsKey(root: string): { secret: string; created: boolean } {
  return loadOrCreateSecret(join(root, SECRETS_KEY_PATH), {
    generate: () => randomBytes(32).toString("hex"),
    minLength: SECRETS_KEY_MIN_LENGTH,
  });
}

function readSecret(file: string, minLength: number): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < minLength) {
    throw new Error(
      `${file} holds no usable secret (at least ${minLength} characters); delete it to generate a new one`,
    );
  }
  chmodSync(file, 0o600);
  return secret;
}
