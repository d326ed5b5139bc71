// GlitchTip cannot sign its webhooks, so each GlitchTip source mapping has a secret in its webhook
// URL (`?token=` or `Authorization: Bearer`). Only its SHA-256 is stored (source_mapping.webhook_token_hash).
import { timingSafeEqual } from "node:crypto";
import { hashToken } from "../../crypto/secret-box";
import type { DbClient } from "../../db";
import type { GlitchTipMappingRef } from "./normalize";

export interface AuthenticatedGlitchTipMapping extends GlitchTipMappingRef {
  jiraProjectKey: string | null;
}

/** Which mapping the URL names: by id (`/api/glitchtip/webhook/{id}`) or by Jira project key (the bridge's `/api/v1/alert/{KEY}`). */
export type GlitchTipRouteKey = { mappingId: string } | { jiraProjectKey: string };

const MAX_TOKEN_LENGTH = 512;
const NO_HASH = Buffer.alloc(32);

/** The URL secret: the Bearer header first, then the `token` query parameter. */
export function glitchtipToken(url: URL, headers: Headers): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  const token = bearer ?? url.searchParams.get("token");
  return token && token.length <= MAX_TOKEN_LENGTH ? token : null;
}

/**
 * The GlitchTip mapping whose secret `token` is, when it is also the one the URL names; null otherwise
 * (no token, unknown token, another source's mapping, or a mapping other than the URL's).
 */
export async function authenticateGlitchTip(
  db: DbClient,
  token: string | null | undefined,
  route: GlitchTipRouteKey,
): Promise<AuthenticatedGlitchTipMapping | null> {
  if (!token) return null;
  const hash = hashToken(token);
  const row = await db.sourceMapping.findUnique({
    where: { webhookTokenHash: hash },
    select: { id: true, source: true, externalProject: true, jiraProjectKey: true, webhookTokenHash: true },
  });
  // Compared again in constant time, so the answer never hinges on how the index lookup matched.
  const stored =
    row?.webhookTokenHash && /^[0-9a-f]{64}$/i.test(row.webhookTokenHash)
      ? Buffer.from(row.webhookTokenHash, "hex")
      : NO_HASH;
  const matches = timingSafeEqual(stored, Buffer.from(hash, "hex")) && row !== null;
  if (!matches || row.source !== "glitchtip") return null;
  const named =
    "mappingId" in route
      ? row.id === route.mappingId
      : row.jiraProjectKey !== null &&
        row.jiraProjectKey.trim().toUpperCase() === route.jiraProjectKey.trim().toUpperCase();
  return named ? { id: row.id, externalProject: row.externalProject, jiraProjectKey: row.jiraProjectKey } : null;
}
