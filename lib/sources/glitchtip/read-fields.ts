// An attachment's `fields` (Project, Environment, Server Name, Release, then the alert's extra tags,
// titled like "Custom_tag") read into named details, plus the uptime message and the MS Teams short id.
import type { GlitchTipAttachment, GlitchTipSection } from "./schema";

export interface GlitchTipTag {
  title: string;
  value: string;
}

export interface GlitchTipDetails {
  project: string | null;
  environment: string | null;
  serverName: string | null;
  release: string | null;
  /** Every other field, in the order GlitchTip sent them. */
  tags: GlitchTipTag[];
}

type Known = "project" | "environment" | "serverName" | "release";

// Field titles compared case-, space- and underscore-insensitively: "Server Name" and a tagsToAdd "Server_name" are one.
const KNOWN_FIELDS: Record<string, Known> = {
  project: "project",
  environment: "environment",
  "server name": "serverName",
  server: "serverName",
  release: "release",
};

const fieldKey = (title: string) =>
  title
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
const clean = (value: string | null | undefined) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;

export function readFields(fields: GlitchTipAttachment["fields"]): GlitchTipDetails {
  const details: GlitchTipDetails = { project: null, environment: null, serverName: null, release: null, tags: [] };
  for (const field of fields ?? []) {
    const title = clean(field?.title);
    const value = clean(field?.value);
    if (!title || !value) continue;
    const known = Object.hasOwn(KNOWN_FIELDS, fieldKey(title)) ? KNOWN_FIELDS[fieldKey(title)] : undefined;
    if (known && details[known] === null) details[known] = value;
    else if (!known) details.tags.push({ title, value });
  }
  return details;
}

/** The MS Teams section of an older body names the short id: "[View Issue DEVGUARD-API-5](<link>)". */
export function findShortId(sections: (GlitchTipSection | null)[] | null | undefined, link: string): string | null {
  for (const section of sections ?? []) {
    const match = /\[View Issue ([^\]\s]+)\]\(([^)\s]+)\)/.exec(section?.activitySubtitle ?? "");
    if (match && sameLink(match[2]!, link)) return match[1]!;
  }
  return null;
}

function sameLink(a: string, b: string): boolean {
  try {
    return new URL(a).href.replace(/\/$/, "") === new URL(b).href.replace(/\/$/, "");
  } catch {
    return false;
  }
}

export type UptimeState = "down" | "up";

/** GlitchTip words it "The monitored site has gone down." / "The monitored site is back up." */
export function readUptimeState(message: string | null | undefined): UptimeState | undefined {
  if (!message) return undefined;
  if (/\bback up\b|\bis up\b|\brecovered\b/i.test(message)) return "up";
  if (/\bdown\b/i.test(message)) return "down";
  return undefined;
}

/** The uptime message: the attachment's text, else the section GlitchTip sent beside it. */
export function uptimeMessage(
  attachment: GlitchTipAttachment,
  section: GlitchTipSection | null | undefined,
): string | null {
  return clean(attachment.text) ?? clean(section?.activitySubtitle);
}
