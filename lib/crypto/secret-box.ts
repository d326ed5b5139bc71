// Integration secrets (Jira tokens, GlitchTip tokens, GitHub token overrides) at rest: AES-256-GCM
// with a random 96-bit nonce per value, the key from SECRETS_KEY. Stored form: "v1:<iv>:<tag>:<ciphertext>" (base64url).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv } from "../env";
import { AppError } from "../errors";

const VERSION = "v1";

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("SecretBox needs a 32-byte key");
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(":");
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(":");
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Not a sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  }
}

/** SECRETS_KEY: 64 hex characters or 32 bytes base64; any other string is stretched with SHA-256. */
export function keyFromEnvValue(value: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  const decoded = Buffer.from(value, "base64");
  if (decoded.length === 32 && /^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return decoded;
  return createHash("sha256").update(value, "utf8").digest();
}

let cached: SecretBox | undefined;

/** The app's secret box; storing or reading an integration secret without SECRETS_KEY is a configuration error. */
export function getSecretBox(): SecretBox {
  if (cached) return cached;
  const value = getEnv().SECRETS_KEY;
  if (!value)
    throw new AppError("not_configured", "SECRETS_KEY is not set: integration secrets cannot be stored or read");
  cached = new SecretBox(keyFromEnvValue(value));
  return cached;
}

/** Lookup form of a webhook URL token: tokens are random, so an unsalted SHA-256 is enough and allows a unique index. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}
