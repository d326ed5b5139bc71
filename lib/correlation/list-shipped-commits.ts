// The commits a deployment shipped: those after the previous deployment's sha up to its own.
// Read off the newest-first commit list when the running sha is in it (no request); otherwise
// GitHub's compare answers it, and that answer never changes for two shas.
import type { GitHubClient } from "../integrations/github/github-client";
import type { DeploymentSummary } from "./find-running-deployment";

const sameSha = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

export async function listShippedCommits(
  client: GitHubClient,
  repo: string,
  newestFirst: { sha: string }[],
  deployments: { running: DeploymentSummary; previous?: DeploymentSummary; windowStart: Date },
): Promise<Set<string>> {
  const { running, previous } = deployments;
  const head = newestFirst.findIndex((commit) => sameSha(commit.sha, running.sha));
  if (head >= 0) {
    // A previous sha missing from the list is older than the window: all below head shipped.
    const base = previous ? newestFirst.findIndex((commit) => sameSha(commit.sha, previous.sha)) : -1;
    return new Set(newestFirst.slice(head, base > head ? base : undefined).map((commit) => commit.sha));
  }
  // Deployed before the window opened: none of the window's commits can be in it.
  if (!previous || Date.parse(running.deployedAt) < deployments.windowStart.getTime()) return new Set();
  const compared = await client.compareCommits(repo, previous.sha, running.sha);
  return new Set(compared.map((commit) => commit.sha));
}
