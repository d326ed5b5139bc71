// One GlitchTip alert attachment as the tracker sees it: title, priority, label, description, metadata.
import type { Priority } from "../../generated/prisma/enums";
import { FALLBACK_EXTERNAL_PROJECT } from "../fallback-project";
import type { ExternalRef, LabelSpec, NormalizedIssue, TicketOverrides } from "../types";
import { buildGlitchTipDescription } from "./build-description";
import { type GlitchTipLink, glitchtipExternalId } from "./parse-link";
import { findShortId, readFields } from "./read-fields";
import type { GlitchTipAttachment, GlitchTipSection } from "./schema";

export const GLITCHTIP_SOURCE = "glitchtip";
// Distinct from Sentry's purple label; a teal that reads well on light and dark backgrounds.
export const GLITCHTIP_LABEL: LabelSpec = { name: "GlitchTip", color: "#0E7C86" };
const MAX_TITLE_LENGTH = 500;

/** The mapping the webhook URL authenticated: the item's project and where its settings live. */
export interface GlitchTipMappingRef {
  id: string;
  externalProject: string;
}

export interface GlitchTipItemContext {
  mapping: GlitchTipMappingRef;
  sections?: (GlitchTipSection | null)[] | null;
  ticketOverrides?: TicketOverrides | null;
  /** When the alert arrived: GlitchTip sends no timestamp, and alerts soon after an issue's first events. */
  receivedAt?: Date;
}

// GlitchTip colours an attachment by the issue's level (Issue.get_hex_color): error and fatal share a colour.
const LEVEL_BY_COLOR: Record<string, "info" | "warning" | "error"> = {
  "#4b60b4": "info",
  "#e9b949": "warning",
  "#e52b50": "error",
};

export function glitchtipLevel(color: string | null | undefined): "info" | "warning" | "error" | null {
  const key = color?.trim().toLowerCase() ?? "";
  return Object.hasOwn(LEVEL_BY_COLOR, key) ? LEVEL_BY_COLOR[key]! : null;
}

/** P3 by default; info/warning-level issues P4; a monitored site that went down P2. */
export function glitchtipPriority(link: GlitchTipLink, color: string | null | undefined): Priority {
  if (link.kind === "uptime") return "P2";
  const level = glitchtipLevel(color);
  return level === "info" || level === "warning" ? "P4" : "P3";
}

export function glitchtipRef(link: GlitchTipLink, context: GlitchTipItemContext, shortId?: string | null): ExternalRef {
  return {
    source: GLITCHTIP_SOURCE,
    externalId: glitchtipExternalId(link),
    externalProject: context.mapping.externalProject,
    displayId: shortId ?? (link.kind === "issue" ? `${link.org}#${link.id}` : `uptime monitor ${link.id}`),
  };
}

export function buildGlitchTipTitle(
  link: GlitchTipLink,
  title: string,
  project: string | null,
  mappingProject: string,
): string {
  const prefix = project ?? (mappingProject !== FALLBACK_EXTERNAL_PROJECT ? mappingProject : null);
  const name =
    title.replace(/\s+/g, " ").trim() || (link.kind === "issue" ? `GlitchTip issue ${link.id}` : `monitor ${link.id}`);
  const body = link.kind === "uptime" ? `Uptime monitor down: ${name}` : name;
  const full = prefix ? `[${prefix.replace(/\s+/g, " ")}] ${body}` : body;
  return full.length > MAX_TITLE_LENGTH ? `${full.slice(0, MAX_TITLE_LENGTH - 1)}…` : full;
}

export function normalizeGlitchTipAttachment(
  attachment: GlitchTipAttachment,
  link: GlitchTipLink,
  context: GlitchTipItemContext,
  /** For uptime: the message (down/up); for an issue: unused, the culprit is the attachment's text. */
  uptimeMessage?: string | null,
): NormalizedIssue {
  const details = readFields(attachment.fields);
  const shortId = link.kind === "issue" ? findShortId(context.sections, link.url) : null;
  const text = link.kind === "issue" ? (attachment.text ?? null) : (uptimeMessage ?? attachment.text ?? null);
  return {
    ...glitchtipRef(link, context, shortId),
    externalUrl: link.url,
    title: buildGlitchTipTitle(link, attachment.title, details.project, context.mapping.externalProject),
    description: buildGlitchTipDescription({ link, title: attachment.title, text, details, shortId }),
    priority: glitchtipPriority(link, attachment.color),
    labels: [GLITCHTIP_LABEL],
    firstSeen: context.receivedAt?.toISOString() ?? null,
    crashLocation: null,
    ticketOverrides: context.ticketOverrides ?? null,
    metadata: {
      kind: link.kind,
      host: link.host,
      org: link.org,
      ...(link.kind === "issue" ? { issueId: link.id, shortId } : { monitorId: link.id }),
      mappingId: context.mapping.id,
      project: details.project ?? context.mapping.externalProject,
      environment: details.environment,
      serverName: details.serverName,
      release: details.release,
      tags: Object.fromEntries(details.tags.map((tag) => [tag.title, tag.value])),
      culprit: link.kind === "issue" ? text?.trim() || null : null,
      level: glitchtipLevel(attachment.color),
    },
  };
}
