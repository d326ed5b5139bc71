// Which adapter resumes a stored delivery that was never finished (see lib/ingest/recover-deliveries.ts).
// It was verified before it was stored as received, so its adapter skips verification; a GlitchTip
// delivery finds its mapping (and the bridge's ticket fields) in the headers stored with it.
import type { Db } from "../db";
import { createGlitchTipAdapter } from "../sources/glitchtip/adapter";
import { sentryAdapter } from "../sources/sentry/adapter";
import {
  RECONCILIATION_ORIGIN,
  ORIGIN_HEADER as SENTRY_ORIGIN_HEADER,
  sentryReconciliationAdapter,
} from "../sources/sentry/reconciliation-adapter";
import type { SourceAdapter, TicketOverrides } from "../sources/types";
import { BRIDGE_ORIGIN, logPrefixOf, MAPPING_HEADER, ORIGIN_HEADER, OVERRIDES_HEADER } from "./ingest-glitchtip";
import type { ResumeAdapterFor, StaleDelivery } from "./recover-deliveries";

const verified = (adapter: SourceAdapter): SourceAdapter => ({ ...adapter, verify: () => ({ ok: true }) });

export function resumeAdapterFor(db: Db): ResumeAdapterFor {
  return async (delivery) => {
    if (delivery.source === "sentry") {
      const reconciled = delivery.headers.get(SENTRY_ORIGIN_HEADER) === RECONCILIATION_ORIGIN;
      return reconciled ? sentryReconciliationAdapter : verified(sentryAdapter);
    }
    if (delivery.source === "glitchtip") return glitchtipAdapter(db, delivery);
    // Jira redelivers a webhook it got no answer for, and its handler finishes a stored one then.
    return null;
  };
}

async function glitchtipAdapter(db: Db, delivery: StaleDelivery): Promise<SourceAdapter | null> {
  const mappingId = delivery.headers.get(MAPPING_HEADER);
  const mapping = mappingId
    ? await db.sourceMapping.findUnique({
        where: { id: mappingId },
        select: { id: true, source: true, externalProject: true },
      })
    : null;
  if (mapping?.source !== "glitchtip") return null;
  const bridge = delivery.headers.get(ORIGIN_HEADER) === BRIDGE_ORIGIN;
  return verified(
    createGlitchTipAdapter({
      mapping: { id: mapping.id, externalProject: mapping.externalProject },
      ticketOverrides: readOverrides(delivery.headers.get(OVERRIDES_HEADER)),
      logPrefix: logPrefixOf(bridge),
      // GlitchTip sends no timestamp: the alert happened when it arrived, not when it is resumed.
      now: () => delivery.receivedAt,
    }),
  );
}

function readOverrides(header: string | null): TicketOverrides | null {
  if (!header) return null;
  try {
    return JSON.parse(decodeURIComponent(header)) as TicketOverrides;
  } catch {
    return null;
  }
}
