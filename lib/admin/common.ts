// Pieces shared by the admin domain functions: write-only secret fields, common field schemas and
// the Prisma error codes they translate into caller-facing answers.
import { z } from "zod";
import { getSecretBox } from "../crypto/secret-box";

/** A string field whose messages say "is required" when missing and "must be a string" otherwise. */
export function str() {
  return z.string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") });
}

/**
 * A write-only secret in an input: a non-empty string (surrounding whitespace from copy-paste is
 * dropped) to store it sealed, or null to clear it. Never echoed back in messages or responses.
 */
export const secretInput = z
  .string({ error: (issue) => (issue.input === undefined ? undefined : "must be a string (or null to clear it)") })
  .trim()
  .min(1, "must not be empty (pass null to clear it)")
  .nullable();

/** What to store for a secret input: sealed ciphertext, null to clear, undefined to leave as is. */
export function sealSecret(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  return getSecretBox().seal(value);
}

/** An http(s) URL without trailing slashes, e.g. https://acme.atlassian.net. */
export const httpUrl = z
  .url({
    protocol: /^https?$/,
    error: (issue) =>
      issue.input === undefined ? "is required" : "must be an http(s) URL such as https://example.com",
  })
  .transform((value) => value.replace(/\/+$/, ""));

export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;

/** Ids are UUIDs; anything else cannot name a row (answered as not found, never a database error). */
export function looksLikeId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

function prismaCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** A foreign key points at a row deleted since it was checked. */
export const isForeignKeyViolation = (error: unknown) => prismaCode(error) === "P2003";

/** The row to update or delete no longer exists. */
export const isRecordNotFound = (error: unknown) => prismaCode(error) === "P2025";

/** Who makes an admin change, for its audit entry: the signed-in admin (null only for bootstrap). */
export interface AdminActor {
  actorId: string | null;
}
