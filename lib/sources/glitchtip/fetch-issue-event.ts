// The latest event of a tracked GlitchTip issue, for correlation's stack frames: through the API of
// the mapping that accepted its alert, when that mapping has an API URL and token. Undefined when it
// has none, for uptime monitors, and when GlitchTip has no event.

import { getSecretBox } from "../../crypto/secret-box";
import type { Db } from "../../db";
import { PermanentFailure } from "../../errors";
import { fetchGlitchTipLatestEvent } from "../../integrations/glitchtip/fetch-latest-event";
import { GLITCHTIP_SOURCE } from "./normalize";

export async function fetchGlitchTipIssueEvent(db: Db, externalId: string): Promise<unknown> {
  const link = await db.externalIssue.findUnique({
    where: { source_externalId: { source: GLITCHTIP_SOURCE, externalId } },
    select: { metadata: true },
  });
  const metadata = (link?.metadata ?? {}) as { kind?: unknown; issueId?: unknown; mappingId?: unknown };
  if (metadata.kind !== "issue" || typeof metadata.issueId !== "string" || typeof metadata.mappingId !== "string")
    return undefined;
  const mapping = await db.sourceMapping.findUnique({
    where: { id: metadata.mappingId },
    select: { glitchtipApiUrl: true, glitchtipTokenEncrypted: true },
  });
  if (!mapping?.glitchtipApiUrl || !mapping.glitchtipTokenEncrypted) return undefined;
  let token: string;
  try {
    token = getSecretBox().open(mapping.glitchtipTokenEncrypted);
  } catch (error) {
    throw new PermanentFailure(
      `the GlitchTip API token cannot be decrypted (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return fetchGlitchTipLatestEvent({ apiUrl: mapping.glitchtipApiUrl, token }, metadata.issueId);
}
