// An in-process GitHub REST API on 127.0.0.1 for the endpoints correlation reads, in the response
// shapes of GitHub's OpenAPI description (typed against octokit's generated types so a missing
// field fails the type check), with ETags and 304s, rate-limit headers, scriptable faults and a
// log of every request.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RestEndpointMethodTypes } from "@octokit/rest";

export interface FakeFile {
  filename: string;
  patch?: string;
  status?: "added" | "removed" | "modified" | "renamed";
  previousFilename?: string;
}

export interface FakeCommit {
  sha: string;
  message: string;
  author: { name: string; email: string; login?: string };
  /** ISO time, used as both author and committer date. */
  date: string;
  files: FakeFile[];
}

export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  createdAt: string;
  /** Oldest first, as they were posted. */
  statuses: {
    state: "success" | "failure" | "error" | "inactive" | "pending" | "in_progress" | "queued";
    createdAt: string;
  }[];
}

export interface FakeRepoData {
  commits: FakeCommit[];
  deployments?: FakeDeployment[];
}

export type FakeFault =
  | { kind: "status"; status: number }
  | { kind: "hang" }
  | { kind: "rate-limit"; status: 403 | 429; retryAfter?: number; resetInSeconds?: number }
  | { kind: "secondary-rate-limit"; retryAfter?: number }
  | { kind: "not-found" };

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  ifNoneMatch?: string;
  authorization?: string;
  /** 0 when the fake never answered (hang). */
  status: number;
}

export interface FakeGitHub {
  url: string;
  log: LoggedRequest[];
  setRepo(fullName: string, data: FakeRepoData): void;
  /** Applies `fault` to the next `times` (default 1) requests whose path matches. */
  injectFault(fault: FakeFault, options?: { path?: RegExp; times?: number }): void;
  clearFaults(): void;
  /** Every answer waits this long, as GitHub's do over the internet (default 0). */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

type RestCommit = RestEndpointMethodTypes["repos"]["getCommit"]["response"]["data"];
type RestDiffEntry = NonNullable<RestCommit["files"]>[number];
type RestDeployment = RestEndpointMethodTypes["repos"]["listDeployments"]["response"]["data"][number];
type RestStatus = RestEndpointMethodTypes["repos"]["listDeploymentStatuses"]["response"]["data"][number];
type RestComparison = RestEndpointMethodTypes["repos"]["compareCommitsWithBasehead"]["response"]["data"];
type RestUser = Extract<RestCommit["author"], { login: string }>;

const API = "https://api.github.com";

function user(login: string): RestUser {
  const url = `${API}/users/${login}`;
  return {
    login,
    id: 1000 + login.length,
    node_id: `U_${login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${login}`,
    gravatar_id: "",
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: "User",
    site_admin: false,
  };
}

function counts(patch: string | undefined): { additions: number; deletions: number } {
  const lines = (patch ?? "").split("\n");
  return {
    additions: lines.filter((l) => l.startsWith("+")).length,
    deletions: lines.filter((l) => l.startsWith("-")).length,
  };
}

function commitJson(repo: string, commit: FakeCommit, parent: FakeCommit | undefined, withFiles: boolean): RestCommit {
  const apiUrl = `${API}/repos/${repo}/commits/${commit.sha}`;
  const gitUser = { name: commit.author.name, email: commit.author.email, date: commit.date };
  const json: RestCommit = {
    url: apiUrl,
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 12)}`,
    html_url: `https://github.com/${repo}/commit/${commit.sha}`,
    comments_url: `${apiUrl}/comments`,
    commit: {
      url: `${API}/repos/${repo}/git/commits/${commit.sha}`,
      author: gitUser,
      committer: gitUser,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.sha.split("").reverse().join(""), url: `${API}/repos/${repo}/git/trees/${commit.sha}` },
    },
    author: commit.author.login ? user(commit.author.login) : null,
    committer: user("web-flow"),
    parents: parent
      ? [
          {
            sha: parent.sha,
            url: `${API}/repos/${repo}/commits/${parent.sha}`,
            html_url: `https://github.com/${repo}/commit/${parent.sha}`,
          },
        ]
      : [],
  };
  if (!withFiles) return json;
  const files: RestDiffEntry[] = commit.files.map((file) => {
    const { additions, deletions } = counts(file.patch);
    const entry: RestDiffEntry = {
      sha: createHash("sha1").update(`${commit.sha}:${file.filename}`).digest("hex"),
      filename: file.filename,
      status: file.status ?? "modified",
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `https://github.com/${repo}/blob/${commit.sha}/${file.filename}`,
      raw_url: `https://github.com/${repo}/raw/${commit.sha}/${file.filename}`,
      contents_url: `${API}/repos/${repo}/contents/${file.filename}?ref=${commit.sha}`,
    };
    if (file.patch !== undefined) entry.patch = file.patch;
    if (file.previousFilename) entry.previous_filename = file.previousFilename;
    return entry;
  });
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
  return { ...json, stats: { additions, deletions, total: additions + deletions }, files };
}

function deploymentJson(repo: string, d: FakeDeployment): RestDeployment {
  const url = `${API}/repos/${repo}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: "deploy",
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: null,
    creator: user("deploy-bot"),
    created_at: d.createdAt,
    updated_at: d.statuses.at(-1)?.createdAt ?? d.createdAt,
    statuses_url: `${url}/statuses`,
    repository_url: `${API}/repos/${repo}`,
    transient_environment: false,
    production_environment: d.environment === "production",
  };
}

function statusJson(repo: string, d: FakeDeployment, index: number): RestStatus {
  const status = d.statuses[index]!;
  const url = `${API}/repos/${repo}/deployments/${d.id}`;
  return {
    url: `${url}/statuses/${d.id * 100 + index}`,
    id: d.id * 100 + index,
    node_id: `DES_${d.id}_${index}`,
    state: status.state,
    creator: user("deploy-bot"),
    description: "",
    environment: d.environment,
    target_url: "",
    log_url: "",
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: url,
    repository_url: `${API}/repos/${repo}`,
  };
}

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const notFound = (): HttpAnswer =>
  new HttpAnswer(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });

function route(repos: Map<string, FakeRepoData>, path: string, query: URLSearchParams): HttpAnswer {
  const match = /^\/repos\/([^/]+)\/([^/]+)\/(commits|compare|deployments)(?:\/([^/]+))?(?:\/(statuses))?$/.exec(path);
  if (!match) return notFound();
  const [, owner, name, kind, param, sub] = match;
  const repo = `${owner}/${name}`;
  const data = repos.get(repo.toLowerCase());
  if (!data) return notFound();
  const newestFirst = [...data.commits].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  const parentOf = (commit: FakeCommit): FakeCommit | undefined => newestFirst[newestFirst.indexOf(commit) + 1];
  const find = (ref: string): FakeCommit | undefined => newestFirst.find((c) => c.sha.startsWith(ref.toLowerCase()));
  const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
  const page = Math.max(1, Number(query.get("page") ?? 1));
  const paged = <T>(items: T[]): HttpAnswer => {
    const headers: Record<string, string> = {};
    if (items.length > page * perPage) {
      const next = new URLSearchParams(query);
      next.set("page", String(page + 1));
      headers.link = `<${API}${path}?${next}>; rel="next"`;
    }
    return new HttpAnswer(200, items.slice((page - 1) * perPage, page * perPage), headers);
  };

  if (kind === "commits" && !param) {
    const since = query.get("since") ? Date.parse(query.get("since")!) : -Infinity;
    const until = query.get("until") ? Date.parse(query.get("until")!) : Infinity;
    const start = query.get("sha") ? find(query.get("sha")!) : undefined;
    const fileFilter = query.get("path");
    const listed = newestFirst.filter((c) => {
      const at = Date.parse(c.date);
      return (
        at >= since &&
        at <= until &&
        (!start || at <= Date.parse(start.date)) &&
        (!fileFilter || c.files.some((f) => f.filename === fileFilter))
      );
    });
    return paged(listed.map((c) => commitJson(repo, c, parentOf(c), false)));
  }
  if (kind === "commits" && param && !sub) {
    const commit = find(decodeURIComponent(param));
    if (!commit)
      return new HttpAnswer(422, {
        message: `No commit found for SHA: ${param}`,
        documentation_url: "https://docs.github.com/rest/commits/commits#get-a-commit",
        status: "422",
      });
    return new HttpAnswer(200, commitJson(repo, commit, parentOf(commit), true));
  }
  if (kind === "compare" && param) {
    const [baseRef = "", headRef = ""] = decodeURIComponent(param).split("...");
    const base = find(baseRef);
    const head = find(headRef);
    if (!base || !head) return notFound();
    const between = newestFirst
      .filter((c) => Date.parse(c.date) > Date.parse(base.date) && Date.parse(c.date) <= Date.parse(head.date))
      .reverse();
    const url = `${API}/repos/${repo}/compare/${base.sha}...${head.sha}`;
    const body: RestComparison = {
      url,
      html_url: `https://github.com/${repo}/compare/${base.sha}...${head.sha}`,
      permalink_url: `https://github.com/${repo}/compare/${base.sha}...${head.sha}`,
      diff_url: `https://github.com/${repo}/compare/${base.sha}...${head.sha}.diff`,
      patch_url: `https://github.com/${repo}/compare/${base.sha}...${head.sha}.patch`,
      base_commit: commitJson(repo, base, parentOf(base), false),
      merge_base_commit: commitJson(repo, base, parentOf(base), false),
      status: between.length > 0 ? "ahead" : "identical",
      ahead_by: between.length,
      behind_by: 0,
      total_commits: between.length,
      commits: between.map((c) => commitJson(repo, c, parentOf(c), false)),
      files: [],
    };
    return new HttpAnswer(200, body);
  }
  if (kind === "deployments" && !param) {
    const listed = [...(data.deployments ?? [])]
      .filter((d) =>
        ["sha", "ref", "environment"].every(
          (key) => !query.get(key) || query.get(key) === d[key as "sha" | "ref" | "environment"],
        ),
      )
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    return paged(listed.map((d) => deploymentJson(repo, d)));
  }
  if (kind === "deployments" && param && sub) {
    const deployment = data.deployments?.find((d) => String(d.id) === param);
    if (!deployment) return notFound();
    return paged(deployment.statuses.map((_, index) => statusJson(repo, deployment, index)).reverse());
  }
  return notFound();
}

function faultAnswer(fault: Exclude<FakeFault, { kind: "hang" }>, resetAt: number): HttpAnswer {
  switch (fault.kind) {
    case "status":
      return new HttpAnswer(fault.status, { message: "Server Error" });
    case "not-found":
      return notFound();
    case "secondary-rate-limit":
      return new HttpAnswer(
        403,
        {
          message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentation_url:
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
          status: "403",
        },
        fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {},
      );
    case "rate-limit": {
      const reset = fault.resetInSeconds !== undefined ? Math.floor(Date.now() / 1000) + fault.resetInSeconds : resetAt;
      const headers: Record<string, string> = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) };
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      return new HttpAnswer(
        fault.status,
        {
          message: "API rate limit exceeded for user ID 1.",
          documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
          status: String(fault.status),
        },
        headers,
      );
    }
  }
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const repos = new Map<string, FakeRepoData>();
  const log: LoggedRequest[] = [];
  let faults: { fault: FakeFault; path?: RegExp; left: number }[] = [];
  let remaining = 5000;
  const resetAt = Math.floor(Date.now() / 1000) + 3600;
  const hanging = new Set<ServerResponse>();
  let latencyMs = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (latencyMs > 0) setTimeout(() => respond(req, res), latencyMs);
    else respond(req, res);
  });
  const respond = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ifNoneMatch = req.headers["if-none-match"];
    const entry: LoggedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    if (typeof ifNoneMatch === "string") entry.ifNoneMatch = ifNoneMatch;
    if (typeof req.headers.authorization === "string") entry.authorization = req.headers.authorization;
    log.push(entry);
    const faulty = faults.find((f) => f.left > 0 && (!f.path || f.path.test(url.pathname)));
    if (faulty) faulty.left -= 1;
    if (faulty?.fault.kind === "hang") {
      hanging.add(res);
      return;
    }
    const answer = faulty ? faultAnswer(faulty.fault, resetAt) : route(repos, url.pathname, url.searchParams);
    const body = JSON.stringify(answer.body);
    const etag = `W/"${createHash("sha1").update(body).digest("hex")}"`;
    const notModified =
      answer.status === 200 && typeof ifNoneMatch === "string" && ifNoneMatch.split(/\s*,\s*/).includes(etag);
    // Like GitHub: a 304 is free, everything else spends one request of the hour's budget.
    if (!notModified && !faulty) remaining = Math.max(0, remaining - 1);
    const headers: Record<string, string> = {
      "content-type": "application/json; charset=utf-8",
      "x-github-request-id": `FAKE:${log.length}`,
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(resetAt),
      "x-ratelimit-used": String(5000 - remaining),
      "x-ratelimit-resource": "core",
      ...answer.headers,
    };
    if (answer.status === 200) headers.etag = etag;
    entry.status = notModified ? 304 : answer.status;
    res.writeHead(entry.status, headers);
    res.end(notModified ? undefined : body);
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setRepo: (fullName, data) => void repos.set(fullName.toLowerCase(), data),
    injectFault: (fault, options = {}) => void faults.push({ fault, path: options.path, left: options.times ?? 1 }),
    clearFaults: () => {
      faults = [];
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
