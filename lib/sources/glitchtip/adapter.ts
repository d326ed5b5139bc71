// GlitchTip alert webhooks as a source of the ingestion pipeline. GlitchTip cannot sign, so the route
// authenticates the URL's secret first and builds an adapter around the mapping it found (or null).
//
// Semantics: each attachment is one item. An alert rule fires once per issue and again only after a
// regression, so a repeat for a tracked issue that is closed here is a regression (reopen + comment),
// and a repeat for an open one is a plain duplicate. Uptime: "gone down" opens or reopens the
// monitor's issue, "back up" resolves it.
import { AppError } from "../../errors";
import { formatZodError } from "../../validation";
import { issueField, ticketField } from "../present";
import type { Decision, SourceAdapter, TicketOverrides } from "../types";
import {
  type GlitchTipItemContext,
  type GlitchTipMappingRef,
  glitchtipRef,
  normalizeGlitchTipAttachment,
} from "./normalize";
import { parseGlitchTipLink } from "./parse-link";
import { readUptimeState, uptimeMessage } from "./read-fields";
import { type GlitchTipAttachment, type GlitchTipSection, glitchtipAlertSchema } from "./schema";

export const GLITCHTIP_UNAUTHORIZED = "Invalid or missing token";

export interface GlitchTipAdapterOptions {
  /** The mapping whose secret the URL carried; null when the token was missing or matched none. */
  mapping: GlitchTipMappingRef | null;
  /** Ticket fields from the bridge URL's query (labels, components, issue_type). */
  ticketOverrides?: TicketOverrides | null;
  logPrefix?: string;
  now?: () => Date;
}

export function createGlitchTipAdapter(options: GlitchTipAdapterOptions): SourceAdapter {
  const logPrefix = options.logPrefix ?? "[GlitchTip Webhook]";
  return {
    source: "glitchtip",
    logPrefix,
    senderName: "GlitchTip",
    // Never authorization: the secret travels there or in the query string, and neither is kept.
    keptHeaders: ["content-type", "user-agent", "x-tracker-mapping", "x-tracker-origin", "x-tracker-ticket-overrides"],

    verify() {
      return options.mapping
        ? { ok: true }
        : { ok: false, error: new AppError("unauthorized", GLITCHTIP_UNAUTHORIZED) };
    },

    interpret(payload, _headers, log) {
      const mapping = options.mapping;
      if (!mapping) throw new AppError("unauthorized", GLITCHTIP_UNAUTHORIZED);
      const parsed = glitchtipAlertSchema.safeParse(payload);
      if (!parsed.success) throw new AppError("bad_request", `Invalid payload: ${formatZodError(parsed.error)}`);
      const { attachments, sections } = parsed.data;
      log.info({ mappingId: mapping.id }, `${logPrefix} Received: ${attachments.length} item(s)`);
      const context: GlitchTipItemContext = {
        mapping,
        sections,
        ticketOverrides: options.ticketOverrides,
        receivedAt: options.now?.() ?? new Date(),
      };
      return attachments.map((attachment, index) =>
        decideAttachment(attachment, sections?.[index] ?? null, index, context),
      );
    },

    present: {
      created: (issue, normalized) => ({
        success: true,
        issue: issueField(issue),
        glitchtip: { id: normalized.externalId, url: normalized.externalUrl },
      }),
      deduplicated: (issue, normalized) => ({
        success: true,
        deduplicated: true,
        issue: issueField(issue),
        glitchtip: { id: normalized.externalId, url: normalized.externalUrl },
        ...ticketField(issue),
        message: `Issue already tracked as ${issue.identifier}`,
      }),
      updated: (issue, ref, summary) => ({
        success: true,
        issue: issueField(issue),
        glitchtip: { id: ref.externalId },
        ...ticketField(issue),
        message: summary,
      }),
      skipped: (reason) => ({ success: true, message: reason }),
      many: (items) => ({ success: true, items: items.map((item) => item.body) }),
    },
  };
}

function decideAttachment(
  attachment: GlitchTipAttachment,
  section: GlitchTipSection | null,
  index: number,
  context: GlitchTipItemContext,
): Decision {
  const link = parseGlitchTipLink(attachment.title_link);
  if (!link) {
    return {
      kind: "skip",
      reason: `Skipped: item ${index + 1}: title_link is neither a GlitchTip issue nor an uptime monitor URL`,
    };
  }
  const occurredAt = context.receivedAt ?? new Date();
  if (link.kind === "issue") {
    const issue = normalizeGlitchTipAttachment(attachment, link, context);
    return { kind: "create", issue, lifecycle: { type: "regressed", occurredAt, url: link.url, onlyIfClosed: true } };
  }
  const message = uptimeMessage(attachment, section);
  const state = readUptimeState(message);
  if (state === "down") {
    const issue = normalizeGlitchTipAttachment(attachment, link, context, message);
    return {
      kind: "create",
      issue,
      lifecycle: {
        type: "regressed",
        occurredAt,
        url: link.url,
        onlyIfClosed: true,
        summary: "this monitor is down again",
      },
    };
  }
  const ref = glitchtipRef(link, context);
  if (state === "up") return { kind: "update", ref, lifecycle: { type: "resolved", occurredAt, onlyIfOpen: true } };
  return {
    kind: "skip",
    reason: `Skipped: uptime alert for monitor ${link.id} says neither down nor back up`,
    externalId: ref.externalId,
  };
}
