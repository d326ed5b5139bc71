// The internal issue's markdown description for a GlitchTip alert, in the sections Sentry issues use.
// Everything GlitchTip sends is user-controlled text: escaped, or in code spans. A section whose data
// is missing is left out, so "undefined"/"null" never reach the text.
import {
  escapeMarkdown,
  inlineCode,
  joinMarkdownParts,
  safeLink,
  markdownSection as section,
} from "../../text/markdown";
import type { GlitchTipLink } from "./parse-link";
import type { GlitchTipDetails } from "./read-fields";

export interface GlitchTipDescriptionInput {
  link: GlitchTipLink;
  title: string;
  /** Issue: the culprit. Uptime: GlitchTip's message ("The monitored site has gone down."). */
  text: string | null;
  details: GlitchTipDetails;
  shortId: string | null;
}

const nonEmpty = (value: string | null | undefined): value is string =>
  typeof value === "string" && value.trim() !== "";

export function buildGlitchTipDescription(input: GlitchTipDescriptionInput): string {
  const { link, details } = input;
  const view = safeLink("View in GlitchTip", link.url);
  const isIssue = link.kind === "issue";
  return joinMarkdownParts([
    isIssue
      ? section("Error", [
          nonEmpty(input.title) && `**Title:** ${escapeMarkdown(input.title.trim())}`,
          nonEmpty(input.text) && `**Culprit:** ${inlineCode(input.text.trim())}`,
        ])
      : section("Uptime", [
          nonEmpty(input.title) && `**Monitor:** ${escapeMarkdown(input.title.trim())}`,
          nonEmpty(input.text) && `**Status:** ${escapeMarkdown(input.text.trim())}`,
        ]),
    section("Details", [
      details.project && `- **Project:** ${escapeMarkdown(details.project)}`,
      details.environment && `- **Environment:** ${escapeMarkdown(details.environment)}`,
      details.serverName && `- **Server:** ${escapeMarkdown(details.serverName)}`,
      details.release && `- **Release:** ${inlineCode(details.release)}`,
      ...details.tags.map((tag) => `- **${escapeMarkdown(tag.title)}:** ${escapeMarkdown(tag.value)}`),
    ]),
    section("Links", [
      view && `- ${view}`,
      isIssue ? `- GlitchTip ID: ${inlineCode(link.id)}` : `- Monitor ID: ${inlineCode(link.id)}`,
      nonEmpty(input.shortId) && `- Short ID: ${inlineCode(input.shortId)}`,
    ]),
  ]);
}
