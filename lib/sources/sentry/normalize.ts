// A Sentry issue as the tracker sees it: title, priority, label, description and stored metadata.
import type { Priority } from "../../generated/prisma/enums";
import { parseTimestamp } from "../../text/format-timestamp";
import type { LabelSpec, NormalizedIssue } from "../types";
import { buildSentryDescription, sentryIssueUrl } from "./build-description";
import type { SentryIssue } from "./schema";

export const SENTRY_LABEL: LabelSpec = { name: "Sentry", color: "#362D59" };
const MAX_TITLE_LENGTH = 500;

// A Map, not an object literal: a sender's "constructor" or "toString" must not find Object.prototype's.
const priorityBySentryPriority = new Map<string, Priority>([
  ["high", "P1"],
  ["medium", "P2"],
  ["low", "P4"],
]);

export function mapSentryPriority(priority: string | null | undefined): Priority {
  return priorityBySentryPriority.get(priority?.toLowerCase() ?? "") ?? "P3";
}

export function buildSentryTitle(issue: SentryIssue): string {
  const title = `[${issue.project.slug}] ${issue.title.replace(/\s+/g, " ").trim()}`;
  return title.length > MAX_TITLE_LENGTH ? `${title.slice(0, MAX_TITLE_LENGTH - 1)}…` : title;
}

export function normalizeSentryIssue(issue: SentryIssue): NormalizedIssue {
  // Built on first read: only a delivery that creates the issue needs it (most are duplicates).
  let description: string | undefined;
  return {
    source: "sentry",
    externalId: issue.id,
    externalUrl: sentryIssueUrl(issue),
    externalProject: issue.project.slug,
    displayId: issue.shortId ?? issue.id,
    title: buildSentryTitle(issue),
    get description() {
      return (description ??= buildSentryDescription(issue));
    },
    priority: mapSentryPriority(issue.priority),
    labels: [SENTRY_LABEL],
    firstSeen: parseTimestamp(issue.firstSeen)?.toISOString() ?? null,
    crashLocation: issue.metadata ? { filename: issue.metadata.filename, function: issue.metadata.function } : null,
    metadata: {
      shortId: issue.shortId ?? null,
      project: {
        id: issue.project.id ?? null,
        name: issue.project.name ?? null,
        slug: issue.project.slug,
        platform: issue.project.platform ?? null,
      },
      substatus: issue.substatus ?? null,
      priority: issue.priority ?? null,
      level: issue.level ?? null,
      platform: issue.platform ?? null,
    },
  };
}
