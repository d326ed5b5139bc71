// What an attachment's `title_link` points at: `{GLITCHTIP_URL}/{org}/issues/{id}` for an issue,
// `{GLITCHTIP_URL}/{org}/uptime-monitors/{id}` for an uptime monitor. GLITCHTIP_URL may carry a path
// (a GlitchTip served under /glitchtip), so the pattern is matched at the end of the path.
export interface GlitchTipLink {
  kind: "issue" | "uptime";
  /** host[:port], lower case: with the id, the item's identity across GlitchTip servers. */
  host: string;
  org: string;
  /** Numeric issue id, or the monitor's id. */
  id: string;
  /** The link itself, normalised. */
  url: string;
}

const ITEM_PATH = /\/([^/]+)\/(issues|uptime-monitors)\/([^/]+)\/?$/;

export function parseGlitchTipLink(link: string | null | undefined): GlitchTipLink | undefined {
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.host) return undefined;
  const match = ITEM_PATH.exec(url.pathname);
  if (!match) return undefined;
  const [, rawOrg, collection, rawId] = match as unknown as [string, string, string, string];
  const org = decode(rawOrg);
  const kind = collection === "issues" ? "issue" : "uptime";
  // Issues have numeric ids; monitors too in current GlitchTip, but accept a UUID-like id there.
  const id =
    kind === "issue"
      ? /^\d{1,30}$/.test(rawId)
        ? rawId.replace(/^0+(?=\d)/, "")
        : undefined
      : /^[\w-]{1,100}$/.test(rawId)
        ? rawId
        : undefined;
  if (!org || !id) return undefined;
  return { kind, host: url.host.toLowerCase(), org, id, url: url.href };
}

/** The dedup key of the item: one internal issue per GlitchTip issue, one per uptime monitor. */
export function glitchtipExternalId(link: GlitchTipLink): string {
  return link.kind === "issue" ? `${link.host}:${link.id}` : `${link.host}:uptime:${link.id}`;
}

/** An uptime monitor's item: it has no stack trace to correlate. */
export function isGlitchTipUptimeId(externalId: string): boolean {
  return externalId.includes(":uptime:");
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
