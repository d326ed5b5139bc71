// Which deployment was serving when the error first appeared, and the one before it: together
// they bound the commits that shipped last. An event whose `release` names a deployed sha settles
// the question directly; otherwise the newest live deployment made before first-seen counts.

import type { GitHubClient } from "../integrations/github/github-client";
import { GitHubPermanentError } from "../integrations/github/github-errors";

export interface DeploymentSummary {
  id: number;
  sha: string;
  ref?: string;
  environment?: string;
  /** When it went live (its success status), else when it was created. */
  deployedAt: string;
  state?: string;
}

export interface RunningDeployment {
  running?: DeploymentSummary;
  previous?: DeploymentSummary;
  /** The release named the running deployment's sha. */
  namedByRelease: boolean;
}

export interface FindRunningDeploymentInput {
  repo: string;
  firstSeen: Date;
  release?: string;
  environment?: string;
}

const MAX_EXAMINED = 6;
const LIVE_STATES = new Set(["success", "inactive"]); // inactive = was live, then superseded

export async function findRunningDeployment(
  client: GitHubClient,
  input: FindRunningDeploymentInput,
): Promise<RunningDeployment> {
  let deployments: Awaited<ReturnType<GitHubClient["listDeployments"]>>;
  try {
    deployments = await client.listDeployments(input.repo, { environment: input.environment });
  } catch (error) {
    // A token without the Deployments permission still gets commit-based correlation.
    if (error instanceof GitHubPermanentError) return { namedByRelease: false };
    throw error;
  }
  deployments = [...deployments].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const shas = (input.release?.match(/\b[0-9a-f]{7,40}\b/gi) ?? []).map((token) => token.toLowerCase());
  const named = deployments.find((deployment) => shas.some((sha) => deployment.sha.toLowerCase().startsWith(sha)));
  const firstSeen = input.firstSeen.getTime();
  const live: DeploymentSummary[] = [];
  let examined = 0;
  for (const deployment of deployments) {
    if (live.length === 2 || examined === MAX_EXAMINED) break;
    const older = Date.parse(deployment.createdAt) <= (named ? Date.parse(named.createdAt) : firstSeen);
    if (!older) continue;
    examined += 1;
    const status = await client.getLatestDeploymentStatus(input.repo, deployment.id);
    // Deployments without statuses (some tools never post them) are taken as live.
    if (status && !LIVE_STATES.has(status.state)) continue;
    const deployedAt = status?.state === "success" ? status.createdAt : deployment.createdAt;
    if (!named && Date.parse(deployedAt) > firstSeen) continue; // created before, live only after
    live.push({
      id: deployment.id,
      sha: deployment.sha,
      ref: deployment.ref,
      environment: deployment.environment,
      deployedAt,
      state: status?.state,
    });
  }
  if (named && live[0]?.id !== named.id) {
    live.unshift({
      id: named.id,
      sha: named.sha,
      ref: named.ref,
      environment: named.environment,
      deployedAt: named.createdAt,
    });
  }
  return { running: live[0], previous: live[1], namedByRelease: named !== undefined };
}
