// Sentry paginates with a Link header whose entries carry `rel`, `results` and `cursor` parameters:
//   <…?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <…?cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"
// A next link is always present; only results="true" says the next page has anything on it.

/** The cursor of the next page, or undefined on the last page (or without a usable Link header). */
export function findNextCursor(linkHeader: string | null | undefined): string | undefined {
  if (!linkHeader) return undefined;
  for (const entry of splitEntries(linkHeader)) {
    const params = parseParams(entry);
    if (params.get("rel") !== "next") continue;
    if (params.get("results") !== "true") return undefined;
    return params.get("cursor") || cursorFromUrl(entry);
  }
  return undefined;
}

/** Entries are separated by commas outside the <…> URL (cursors and URLs may contain commas). */
function splitEntries(header: string): string[] {
  return header.match(/<[^>]*>[^<]*/g) ?? [];
}

function parseParams(entry: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of entry.slice(entry.indexOf(">") + 1).matchAll(/;\s*([\w-]+)\s*=\s*(?:"([^"]*)"|([^;,\s]*))/g)) {
    params.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? "");
  }
  return params;
}

function cursorFromUrl(entry: string): string | undefined {
  try {
    return new URL(entry.slice(1, entry.indexOf(">"))).searchParams.get("cursor") || undefined;
  } catch {
    return undefined;
  }
}
