// Helpers for writing untrusted text into markdown without it changing the document's structure.

const MARKDOWN_SPECIALS = /[\\`*_[\]<>~|]/g;

/** Escapes text so it renders literally after a label inside a paragraph or list item (never at line start). */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(MARKDOWN_SPECIALS, "\\$&");
}

/** Wraps text in an inline code span whose fence is longer than any backtick run inside it. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, " ");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = longestRun > 0 || flat.startsWith(" ") || flat.endsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Markdown link whose URL is kept only when it is http(s). */
export function safeLink(label: string, url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    return `[${escapeMarkdown(label)}](<${parsed.href.replace(/[<>]/g, encodeURIComponent)}>)`;
  } catch {
    return undefined;
  }
}

/** A line of a description section, or a falsy value when its data is missing. */
export type SectionLine = string | undefined | null | false;

/** "## Heading" and its lines; undefined when no line has data, so an empty section is left out. */
export function markdownSection(heading: string, lines: SectionLine[]): string | undefined {
  const present = lines.filter((line): line is string => typeof line === "string");
  return present.length > 0 ? [`## ${heading}`, "", ...present].join("\n") : undefined;
}

/** The parts that are present, separated by blank lines. */
export function joinMarkdownParts(parts: (string | undefined | null | false)[]): string {
  return parts.filter((part): part is string => typeof part === "string" && part !== "").join("\n\n");
}
