// What the Sentry setup page shows: whether the client secret is configured (never its value), the last
// delivery Sentry sent and how it ended, and the Sentry projects mapped (a test event claims one of them).
import type { Db } from "../db";
import type { DeliveryOutcome } from "../generated/prisma/enums";

export interface SentrySetupStatus {
  secretConfigured: boolean;
  lastDelivery: {
    receivedAt: Date;
    outcome: DeliveryOutcome;
    reason: string | null;
    issue: { identifier: string } | null;
  } | null;
  /** The last refused (unauthenticated) request, e.g. a wrong secret in Sentry. */
  lastRejection: { lastSeenAt: Date; reason: string; count: number } | null;
  mappedSlugs: string[];
}

export async function sentrySetupStatus(db: Db, secret: string | undefined): Promise<SentrySetupStatus> {
  const [lastDelivery, lastRejection, mappings] = await Promise.all([
    db.webhookDelivery.findFirst({
      where: { source: "sentry" },
      orderBy: { receivedAt: "desc" },
      select: { receivedAt: true, outcome: true, reason: true, issue: { select: { identifier: true } } },
    }),
    db.webhookRejection.findFirst({
      where: { source: "sentry" },
      orderBy: { lastSeenAt: "desc" },
      select: { lastSeenAt: true, reason: true, count: true },
    }),
    db.sourceMapping.findMany({
      where: { source: "sentry" },
      orderBy: { externalProject: "asc" },
      take: 200,
      select: { externalProject: true },
    }),
  ]);
  return {
    secretConfigured: Boolean(secret),
    lastDelivery,
    lastRejection,
    mappedSlugs: mappings.map((mapping) => mapping.externalProject),
  };
}
