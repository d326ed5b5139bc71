// What the GlitchTip setup page lists: the GlitchTip mappings (whose URLs can be re-issued by rotating
// their token) and the last GlitchTip delivery.
import type { Db } from "../db";

export async function glitchtipSetupStatus(db: Db) {
  const [mappings, lastDelivery] = await Promise.all([
    db.sourceMapping.findMany({
      where: { source: "glitchtip" },
      orderBy: { externalProject: "asc" },
      take: 500,
      select: { id: true, externalProject: true, jiraProjectKey: true, project: { select: { key: true } } },
    }),
    db.webhookDelivery.findFirst({
      where: { source: "glitchtip" },
      orderBy: { receivedAt: "desc" },
      select: { receivedAt: true, outcome: true },
    }),
  ]);
  return { mappings, lastDelivery };
}
