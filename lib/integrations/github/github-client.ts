// The few GitHub reads correlation needs, behind an interface so tests and other hosts can swap
// the transport. The octokit implementation adds what a job needs to be a good API citizen:
// conditional requests, caches for what cannot change, bounded time per request, a request
// counter, and typed errors (see github-errors.ts) instead of in-process waiting on rate limits.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit, type RestEndpointMethodTypes } from "@octokit/rest";
import { createMemoCache, type MemoCache } from "../../memo-cache";
import { enableConditionalRequests } from "./conditional-requests";
import { createCountingFetch } from "./counting-fetch";
import { GitHubPermanentError, toGitHubError } from "./github-errors";

export interface CommitSummary {
  sha: string;
  htmlUrl?: string;
  message: string;
  authorName?: string;
  authorLogin?: string;
  authoredAt?: string;
  committedAt?: string;
}

export interface ChangedFile {
  filename: string;
  previousFilename?: string;
  status?: string;
  additions?: number;
  deletions?: number;
  /** Unified-diff hunks; absent for binary or very large changes. */
  patch?: string;
}

export interface CommitDetail extends CommitSummary {
  files: ChangedFile[];
}

export interface Deployment {
  id: number;
  sha: string;
  ref?: string;
  environment?: string;
  createdAt: string;
}

export interface DeploymentStatus {
  state: string;
  createdAt: string;
}

export interface CommitWindow {
  since: Date;
  until: Date;
  /** Branch or sha to list from; the default branch when absent. */
  branch?: string;
  perPage?: number;
}

export interface GitHubClient {
  /** Newest first. `repo` is "owner/name". */
  listCommits(repo: string, window: CommitWindow): Promise<CommitSummary[]>;
  getCommit(repo: string, sha: string): Promise<CommitDetail>;
  /** Commits in head but not in base, oldest first. */
  compareCommits(repo: string, base: string, head: string): Promise<CommitSummary[]>;
  /** Newest first. */
  listDeployments(repo: string, filter?: { environment?: string }): Promise<Deployment[]>;
  getLatestDeploymentStatus(repo: string, deploymentId: number): Promise<DeploymentStatus | undefined>;
  /** HTTP requests made so far, retries and 304s included. */
  requestCount(): number;
}

export interface GitHubClientOptions {
  token?: string;
  /** Default https://api.github.com; GitHub Enterprise: https://HOST/api/v3. */
  baseUrl?: string;
  /** Per HTTP attempt. Default 10 s. */
  timeoutMs?: number;
  /** Retries of 5xx answers (plugin-retry waits n² × retryBaseMs). Defaults 3 and 1000. */
  retries?: number;
  retryBaseMs?: number;
  /** How long commit and deployment lists are reused without asking GitHub. Default 60 s. */
  listTtlMs?: number;
  fetch?: typeof globalThis.fetch;
  log?: { warn(message: string): void };
}

type RestCommit = RestEndpointMethodTypes["repos"]["getCommit"]["response"]["data"];

function toSummary(data: Omit<RestCommit, "files" | "stats">): CommitSummary {
  const login = data.author && "login" in data.author ? data.author.login : undefined;
  return {
    sha: data.sha,
    htmlUrl: data.html_url,
    message: data.commit.message,
    authorName: data.commit.author?.name ?? undefined,
    authorLogin: login ?? undefined,
    authoredAt: data.commit.author?.date ?? undefined,
    committedAt: data.commit.committer?.date ?? undefined,
  };
}

function toDetail(data: RestCommit): CommitDetail {
  const files = (data.files ?? []).map((file) => ({
    filename: file.filename,
    previousFilename: file.previous_filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    patch: file.patch,
  }));
  return { ...toSummary(data), files };
}

const FULL_SHA = /^[0-9a-f]{40}$/i;
const TERMINAL_STATES = new Set(["success", "failure", "error", "inactive"]);
const noop = (): void => {};

function ownerAndName(repo: string): { owner: string; repo: string } {
  const [owner, name, ...rest] = repo.split("/");
  if (!owner || !name || rest.length > 0) throw new GitHubPermanentError(`not an owner/name repository: ${repo}`, 400);
  return { owner, repo: name };
}

const RestClient = Octokit.plugin(throttling, retry);

export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const counting = createCountingFetch({ timeoutMs: options.timeoutMs ?? 10_000, fetch: options.fetch });
  const octokit = new RestClient({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: "tracker-correlation",
    request: { fetch: counting.fetch },
    // The request-log plugin reports every 304 as an error; our typed errors say what matters.
    log: { debug: noop, info: noop, warn: options.log?.warn ?? noop, error: noop },
    // No in-process waiting on rate limits: the error carries retryAfterSeconds for the job queue.
    throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryBaseMs ?? 1000,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });
  enableConditionalRequests(octokit);
  const lists = createMemoCache<unknown>({ maxEntries: 200, ttlMs: options.listTtlMs ?? 60_000 });
  const immutable = createMemoCache<unknown>({ maxEntries: 2000 });

  // Jobs running at once often ask for the same list or commit: one request answers all of them.
  const inFlight = new Map<string, Promise<unknown>>();

  async function read<T>(
    cache: MemoCache<unknown> | undefined,
    key: string,
    what: string,
    run: () => Promise<T>,
  ): Promise<T> {
    const hit = cache?.get(key) as T | undefined;
    if (hit !== undefined) return hit;
    const pending = inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const request = (async () => {
      try {
        const value = await run();
        cache?.set(key, value);
        return value;
      } catch (error) {
        throw toGitHubError(error, what);
      } finally {
        inFlight.delete(key);
      }
    })();
    inFlight.set(key, request);
    return request;
  }

  return {
    listCommits: (repo, { since, until, branch, perPage = 100 }) =>
      read(
        lists,
        `commits ${repo} ${branch ?? ""} ${since.toISOString()} ${until.toISOString()} ${perPage}`,
        `list commits of ${repo}`,
        async () => {
          const params = {
            ...ownerAndName(repo),
            since: since.toISOString(),
            until: until.toISOString(),
            per_page: perPage,
            sha: branch,
          };
          return (await octokit.rest.repos.listCommits(params)).data.map(toSummary);
        },
      ),
    // A commit's content is fixed by its sha, so a full sha is cached for the life of the process.
    getCommit: (repo, sha) =>
      read(FULL_SHA.test(sha) ? immutable : lists, `commit ${repo} ${sha}`, `get commit ${sha} of ${repo}`, async () =>
        toDetail((await octokit.rest.repos.getCommit({ ...ownerAndName(repo), ref: sha })).data),
      ),
    compareCommits: (repo, base, head) =>
      read(
        FULL_SHA.test(base) && FULL_SHA.test(head) ? immutable : lists,
        `compare ${repo} ${base}...${head}`,
        `compare ${base}...${head} of ${repo}`,
        async () => {
          const params = { ...ownerAndName(repo), basehead: `${base}...${head}` };
          return (await octokit.rest.repos.compareCommitsWithBasehead(params)).data.commits.map(toSummary);
        },
      ),
    listDeployments: (repo, filter = {}) =>
      read(lists, `deployments ${repo} ${filter.environment ?? ""}`, `list deployments of ${repo}`, async () => {
        const params = { ...ownerAndName(repo), environment: filter.environment, per_page: 30 };
        return (await octokit.rest.repos.listDeployments(params)).data.map((deployment) => ({
          id: Number(deployment.id),
          sha: deployment.sha,
          ref: deployment.ref,
          environment: deployment.environment,
          createdAt: deployment.created_at,
        }));
      }),
    getLatestDeploymentStatus: async (repo, deploymentId) => {
      const key = `status ${repo} ${deploymentId}`;
      const known = immutable.get(key) as DeploymentStatus | undefined;
      if (known) return known;
      const latest = await read(undefined, key, `list statuses of deployment ${deploymentId} of ${repo}`, async () => {
        const params = { ...ownerAndName(repo), deployment_id: deploymentId, per_page: 10 };
        const statuses = (await octokit.rest.repos.listDeploymentStatuses(params)).data;
        const newest = statuses.sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
        return newest && { state: newest.state, createdAt: newest.created_at };
      });
      // Finished deployments keep their outcome (success may later read "inactive": still shipped).
      if (latest && TERMINAL_STATES.has(latest.state)) immutable.set(key, latest);
      return latest;
    },
    requestCount: () => counting.count(),
  };
}
