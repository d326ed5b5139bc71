// The "Suspected Cause" section of an issue description, in the Sentry contract's exact layout
// (docs/sentry-contract.md) with timestamps in the project's locale-free format, plus one "Why" bullet per commit. A
// sub-section without data is left out; the whole section is undefined when nothing is known.

import { formatTimestamp } from "../text/format-timestamp";
import { escapeMarkdown, inlineCode } from "../text/markdown";
import type { CorrelationResult } from "./correlate-issue";

export interface FormatSuspectedCauseOptions {
  /** Commits listed at most. Default 5. */
  maxCommits?: number;
}

const short = (sha: string): string => sha.slice(0, 7);

// The seed links as [`sha`](url) with a bare URL, so the URL must not be able to end the link early.
function commitLink(sha: string, url: string | undefined): string {
  const label = inlineCode(short(sha));
  try {
    const parsed = url ? new URL(url) : undefined;
    if (parsed?.protocol !== "https:" && parsed?.protocol !== "http:") return label;
    const href = parsed.href.replace(
      /[()<>\s]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
    );
    return `[${label}](${href})`;
  } catch {
    return label;
  }
}

function commitLines(result: Pick<CorrelationResult, "commits" | "suspects">, max: number): string[] {
  const bySha = new Map(result.commits.map((commit) => [commit.sha, commit]));
  // Ranked suspects first; without any, the newest commits still give the reader a starting point.
  const listed =
    result.suspects.length > 0
      ? result.suspects.slice(0, max).map((suspect) => ({ suspect, commit: bySha.get(suspect.sha) }))
      : result.commits.slice(0, max).map((commit) => ({ suspect: undefined, commit }));
  return listed.flatMap(({ suspect, commit }) => {
    const sha = commit?.sha ?? suspect?.sha ?? "";
    const title = commit?.message.split(/\r?\n/)[0]?.trim();
    const author = commit?.authorName || commit?.authorLogin;
    const date = formatTimestamp(commit?.authoredAt ?? commit?.committedAt);
    return [
      `- ${commitLink(sha, commit?.htmlUrl)} - ${title ? escapeMarkdown(title) : "(no message)"}`,
      author && `  - **Author:** ${escapeMarkdown(author)}`,
      date && `  - **Date:** ${date}`,
      suspect && suspect.matchedFiles.length > 0 && `  - **Files:** ${escapeMarkdown(suspect.matchedFiles.join(", "))}`,
      suspect && suspect.reasons.length > 0 && `  - **Why:** ${escapeMarkdown(suspect.reasons.join("; "))}`,
    ].filter((line): line is string => typeof line === "string" && line !== "");
  });
}

export function formatSuspectedCause(
  result: Pick<CorrelationResult, "commits" | "suspects" | "deployments" | "recentlyModifiedStackFiles">,
  options: FormatSuspectedCauseOptions = {},
): string | undefined {
  const commits = commitLines(result, options.maxCommits ?? 5);
  const deployments = result.deployments.map((deployment) => {
    const ref = deployment.ref && deployment.ref !== deployment.sha ? ` (${escapeMarkdown(deployment.ref)})` : "";
    const at = formatTimestamp(deployment.deployedAt);
    return `- **${escapeMarkdown(deployment.environment || "deployment")}** - ${inlineCode(short(deployment.sha))}${ref}${at ? ` at ${at}` : ""}`;
  });
  const files = result.recentlyModifiedStackFiles.map((file) => `- ${inlineCode(file)}`);
  const sections = [
    commits.length > 0 && [
      "### Recent Commits",
      "",
      "These commits were made shortly before the error first appeared:",
      "",
      ...commits,
    ],
    deployments.length > 0 && ["### Recent Deployments", "", ...deployments],
    files.length > 0 && ["### Files in Stack Trace Modified Recently", "", ...files],
  ].filter((section): section is string[] => Array.isArray(section));
  if (sections.length === 0) return undefined;
  return ["## Suspected Cause", ...sections.map((section) => section.join("\n"))].join("\n\n");
}
