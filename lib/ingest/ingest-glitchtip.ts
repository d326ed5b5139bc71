// A GlitchTip delivery from either URL: authenticate the URL's secret against the mapping it names,
// then run the shared pipeline. Only content-type and user-agent are kept with the stored delivery
// (plus which mapping accepted it); the secret, in the query or the Authorization header, never is.
import type { Db } from "../db";
import { createGlitchTipAdapter } from "../sources/glitchtip/adapter";
import { authenticateGlitchTip, type GlitchTipRouteKey, glitchtipToken } from "../sources/glitchtip/authenticate";
import { bridgeTicketOverrides } from "../sources/glitchtip/bridge-overrides";
import type { DeliveryOrigin, IngestResponse } from "../sources/types";
import { ingestDelivery } from "./ingest-delivery";

export interface GlitchTipDeliveryRequest {
  body: Buffer;
  /** The request URL, query included (it may carry the token; it is never stored or logged). */
  url: string;
  headers: Headers;
  origin?: DeliveryOrigin;
  route: GlitchTipRouteKey;
}

const FORWARDED_HEADERS = ["content-type", "user-agent"] as const;
export const MAPPING_HEADER = "x-tracker-mapping";
export const ORIGIN_HEADER = "x-tracker-origin";
export const BRIDGE_ORIGIN = "glitchtip-jira-bridge";
export const OVERRIDES_HEADER = "x-tracker-ticket-overrides";

export const logPrefixOf = (bridge: boolean) => (bridge ? "[GlitchTip Bridge]" : "[GlitchTip Webhook]");

export async function ingestGlitchTipDelivery(db: Db, request: GlitchTipDeliveryRequest): Promise<IngestResponse> {
  const url = new URL(request.url);
  const mapping = await authenticateGlitchTip(db, glitchtipToken(url, request.headers), request.route);
  const bridge = "jiraProjectKey" in request.route;
  const ticketOverrides = bridge ? bridgeTicketOverrides(url.searchParams) : null;
  const adapter = createGlitchTipAdapter({ mapping, ticketOverrides, logPrefix: logPrefixOf(bridge) });
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (mapping) headers.set(MAPPING_HEADER, mapping.id);
  if (bridge) headers.set(ORIGIN_HEADER, BRIDGE_ORIGIN);
  // Kept with the delivery, so that a resumed one (see resume-glitchtip.ts) asks for the same ticket fields.
  if (ticketOverrides) headers.set(OVERRIDES_HEADER, encodeURIComponent(JSON.stringify(ticketOverrides)));
  return ingestDelivery(db, adapter, { body: request.body, headers, origin: request.origin });
}
