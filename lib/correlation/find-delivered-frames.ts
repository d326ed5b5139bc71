// Stack frames Sentry already sent us inline: the newest `event_alert` or `error` delivery for the
// issue (their skip is recorded with the Sentry issue id), so correlation needs no API call.
import type { Db } from "../db";
import { type ExtractedFrames, extractFrames } from "./extract-frames";

const FRAME_RESOURCES = ["event_alert", "error"];

export async function findDeliveredFrames(
  db: Db,
  source: string,
  externalId: string,
): Promise<ExtractedFrames | undefined> {
  const deliveries = await db.webhookDelivery.findMany({
    where: {
      source,
      externalId,
      outcome: "skipped",
      OR: FRAME_RESOURCES.map((resource) => ({ headers: { path: ["sentry-hook-resource"], equals: resource } })),
    },
    orderBy: { receivedAt: "desc" },
    take: 3,
    select: { rawBody: true },
  });
  for (const delivery of deliveries) {
    try {
      const extracted = extractFrames(JSON.parse(delivery.rawBody));
      if (extracted.frames.length > 0) return extracted;
    } catch {
      // an unparsable body has no frames; try the next one
    }
  }
  return undefined;
}
