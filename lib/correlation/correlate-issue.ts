// GitHub correlation for one new error: the commits made in the window before it first appeared,
// the deployment that was serving, and those commits ranked as suspects against its stack frames.
// Every GitHub error is left to the caller (a job) except a missing Deployments permission.
import pLimit from "p-limit";
import type { CommitDetail, GitHubClient } from "../integrations/github/github-client";
import type { StackFrame } from "./extract-frames";
import { type DeploymentSummary, findRunningDeployment } from "./find-running-deployment";
import { listShippedCommits } from "./list-shipped-commits";
import { mapFramePath } from "./map-frame-path";
import { type ScoreFrame, type Suspect, scoreCommits } from "./score-commits";

export interface CorrelateIssueInput {
  /** "owner/name". */
  repo: string;
  firstSeen: Date;
  /** Oldest first, crash last (see extract-frames.ts). */
  frames: StackFrame[];
  release?: string;
  environment?: string;
  windowHours?: number;
  maxCommits?: number;
  /** Where the app lives in the repository, e.g. "apps/web". */
  pathPrefix?: string;
  stripPrefixes?: string[];
  branch?: string;
}

export interface CorrelationResult {
  suspects: Suspect[];
  /** Commits in the window, newest first. */
  commits: CommitDetail[];
  /** Running deployment first, then the one before it. */
  deployments: DeploymentSummary[];
  /** Repository-relative candidates of the stack's files, crash first. */
  stackFiles: string[];
  /** Changed files (repository paths) that match stack files, best suspect first. */
  recentlyModifiedStackFiles: string[];
  githubRequests: number;
}

const BUCKET_MS = 10 * 60 * 1000;
const DETAIL_CONCURRENCY = 4;

export async function correlateIssue(client: GitHubClient, input: CorrelateIssueInput): Promise<CorrelationResult> {
  const before = client.requestCount();
  const { repo, firstSeen } = input;
  const mapping = { prefix: input.pathPrefix, stripPrefixes: input.stripPrefixes };
  const frames: ScoreFrame[] = input.frames.flatMap((frame) => {
    const path = mapFramePath(frame, mapping);
    return path ? [{ path, lineno: frame.lineno, function: frame.function }] : [];
  });
  const stackFiles = [...new Set(frames.map((frame) => frame.path).reverse())];
  const windowStart = new Date(firstSeen.getTime() - (input.windowHours ?? 48) * 3_600_000);

  // Rounded out to 10-minute marks so errors first seen close together ask the same URL, which
  // the client's caches and ETags then answer; the exact window is applied below.
  const listed = await client.listCommits(repo, {
    since: new Date(Math.floor(windowStart.getTime() / BUCKET_MS) * BUCKET_MS),
    until: new Date(Math.ceil(firstSeen.getTime() / BUCKET_MS) * BUCKET_MS),
    branch: input.branch,
  });
  const inWindow = listed
    .filter((commit) => {
      const at = Date.parse(commit.committedAt ?? commit.authoredAt ?? "");
      return at >= windowStart.getTime() && at <= firstSeen.getTime();
    })
    .slice(0, input.maxCommits ?? 20);

  const [commits, deployed] = await Promise.all([
    // Without stack files no commit can match, so their file lists are not worth a request each.
    stackFiles.length === 0
      ? inWindow.map((commit) => ({ ...commit, files: [] }))
      : pLimit(DETAIL_CONCURRENCY).map(inWindow, (commit) => client.getCommit(repo, commit.sha)),
    findRunningDeployment(client, { repo, firstSeen, release: input.release, environment: input.environment }),
  ]);
  const { running, previous } = deployed;
  const shipped = running
    ? await listShippedCommits(client, repo, commits, { running, previous, windowStart })
    : undefined;
  const suspects = scoreCommits({
    frames,
    commits,
    deployment: running &&
      shipped && {
        headSha: running.sha,
        shipped,
        label:
          `${running.environment ?? ""} deployment of ${running.sha.slice(0, 7)}${deployed.namedByRelease ? " (named by the event's release)" : ""}`.trim(),
      },
  });
  return {
    suspects,
    commits,
    deployments: [running, previous].filter((deployment): deployment is DeploymentSummary => deployment !== undefined),
    stackFiles,
    recentlyModifiedStackFiles: [...new Set(suspects.flatMap((suspect) => suspect.matchedFiles))],
    githubRequests: client.requestCount() - before,
  };
}
