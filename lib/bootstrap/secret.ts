// A secret generated once and kept in a file readable only by its owner (NEXTAUTH_SECRET for `npm start`).
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export function loadOrCreateSecret(file: string): { secret: string; created: boolean } {
  const existing = readSecret(file);
  if (existing !== undefined) return { secret: existing, created: false };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { secret: readSecret(file)!, created: false }; // another process wrote it first
  }
  return { secret, created: true };
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < 16) throw new Error(`${file} holds no usable secret (at least 16 characters); delete it to generate a new one`);
  chmodSync(file, 0o600);
  return secret;
}
