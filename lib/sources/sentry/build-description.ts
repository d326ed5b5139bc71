// The internal issue's markdown description, in the Sentry contract's sections (docs/sentry-contract.md).
// A section whose data is missing is left out, so "undefined"/"null" never reach the text.

import { formatTimestamp } from "../../text/format-timestamp";
import {
  escapeMarkdown,
  inlineCode,
  joinMarkdownParts,
  safeLink,
  markdownSection as section,
} from "../../text/markdown";
import type { SentryIssue } from "./schema";

const nonEmpty = (value: string | null | undefined): value is string =>
  typeof value === "string" && value.trim() !== "";

export function sentryIssueUrl(issue: SentryIssue): string | null {
  return [issue.permalink, issue.web_url].find(nonEmpty) ?? null;
}

export function buildSentryDescription(issue: SentryIssue): string {
  const meta = issue.metadata ?? {};
  const firstSeen = formatTimestamp(issue.firstSeen);
  const lastSeen = formatTimestamp(issue.lastSeen);
  const url = sentryIssueUrl(issue);
  const header =
    issue.substatus === "regressed"
      ? "**This error has regressed after being marked as resolved.**"
      : issue.substatus === "escalating"
        ? "**This error is escalating - event frequency is increasing.**"
        : undefined;

  const parts = [
    header,
    section("Error", [
      nonEmpty(meta.type) && `**Type:** ${inlineCode(meta.type)}`,
      nonEmpty(meta.value) && `**Message:** ${escapeMarkdown(meta.value)}`,
    ]),
    section("Location", [
      nonEmpty(meta.filename) && `**File:** ${inlineCode(meta.filename)}`,
      nonEmpty(meta.function) && `**Function:** ${inlineCode(meta.function)}`,
      nonEmpty(issue.culprit) && `**Culprit:** ${inlineCode(issue.culprit)}`,
    ]),
    section("Impact", [
      issue.count != null && `- **Events:** ${issue.count}`,
      issue.userCount != null && `- **Users affected:** ${issue.userCount}`,
      firstSeen && `- **First seen:** ${firstSeen}`,
      lastSeen && `- **Last seen:** ${lastSeen}`,
    ]),
    section("Project", [
      nonEmpty(issue.project.name) && `- **Name:** ${escapeMarkdown(issue.project.name)}`,
      nonEmpty(issue.platform ?? issue.project.platform) &&
        `- **Platform:** ${escapeMarkdown((issue.platform || issue.project.platform) as string)}`,
      nonEmpty(issue.level) && `- **Level:** ${escapeMarkdown(issue.level)}`,
      issue.isUnhandled != null && `- **Unhandled:** ${issue.isUnhandled ? "Yes" : "No"}`,
    ]),
    section("Links", [
      url !== null && safeLink("View in Sentry", url) !== undefined && `- ${safeLink("View in Sentry", url)}`,
      nonEmpty(issue.shortId) && `- Sentry ID: ${inlineCode(issue.shortId)}`,
    ]),
  ];
  return joinMarkdownParts(parts);
}
