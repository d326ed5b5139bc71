// The octokit client against the in-process fake GitHub: conditional requests and caches, retries,
// typed rate-limit / permanent / timeout errors, and a whole correlation over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { correlateIssue } from "@/lib/correlation/correlate-issue";
import { createGitHubClient, type GitHubClientOptions } from "@/lib/integrations/github/github-client";
import {
  GitHubPermanentError,
  GitHubRateLimitError,
  GitHubUnavailableError,
} from "@/lib/integrations/github/github-errors";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github";
import { generateScenario } from "../support/generate-history";
import { createMemoryGitHub } from "../support/memory-github";

const REPO = "acme/shop";
const scenario = generateScenario(42, true);
let github: FakeGitHub;

const client = (options: GitHubClientOptions = {}) =>
  createGitHubClient({ baseUrl: github.url, token: "test-token", retryBaseMs: 5, timeoutMs: 2_000, ...options });
const correlate = (c: ReturnType<typeof client>, firstSeen = scenario.firstSeen) =>
  correlateIssue(c, { repo: REPO, firstSeen, frames: scenario.frames, release: scenario.release });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  github = await startFakeGitHub();
  github.setRepo(REPO, scenario.repo);
});
afterAll(() => github.close());
beforeEach(() => {
  github.clearFaults();
  github.log.length = 0;
});

describe("GitHub client against fake GitHub", () => {
  it("correlates over HTTP exactly as over in-memory data", async () => {
    const overHttp = await correlate(client());
    const inMemory = await correlate(createMemoryGitHub(REPO, scenario.repo));
    expect(overHttp.suspects).toEqual(inMemory.suspects);
    expect(overHttp.suspects[0]!.sha).toBe(scenario.culprit);
    expect(overHttp.commits.map((c) => [c.sha, c.authorName, c.files.length])).toEqual(
      inMemory.commits.map((c) => [c.sha, c.authorName, c.files.length]),
    );
    expect(overHttp.githubRequests).toBe(github.log.length);
  });

  it("five correlations of one window at once cost the requests of one (in-flight reads are shared)", async () => {
    await correlate(client());
    const alone = github.log.length;
    github.log.length = 0;
    github.setLatency(50); // the five overlap while their first answers are on the way
    try {
      const c = client();
      const results = await Promise.all(Array.from({ length: 5 }, () => correlate(c)));
      expect(new Set(results.map((result) => result.suspects[0]?.sha))).toEqual(new Set([scenario.culprit]));
    } finally {
      github.setLatency(0);
    }
    expect(github.log.length).toBe(alone);
  });

  it("answers a warm correlation with at most 3 conditional requests, all 304", async () => {
    const c = client({ listTtlMs: 0 }); // lists always re-asked, so ETags are what saves the work
    const cold = await correlate(c);
    const coldRequests = github.log.length;
    expect(cold.githubRequests).toBe(coldRequests);
    github.log.length = 0;
    // Another error first seen two minutes later falls into the same 10-minute window.
    const warm = await correlate(c, new Date(scenario.firstSeen.getTime() + 2 * 60_000));
    console.log(
      `GitHub requests per correlation: cold ${coldRequests}, warm ${warm.githubRequests} (${github.log.map((r) => `${r.status} ${r.path}`).join(", ")})`,
    );
    expect(warm.githubRequests).toBe(github.log.length);
    expect(warm.githubRequests).toBeLessThanOrEqual(3);
    expect(github.log.every((r) => r.status === 304 && r.ifNoneMatch?.startsWith('W/"'))).toBe(true);
    expect(warm.suspects).toEqual(cold.suspects);

    // With the default list TTL, a repeat within the minute asks GitHub nothing at all.
    const withTtl = client();
    await correlate(withTtl);
    github.log.length = 0;
    expect((await correlate(withTtl)).githubRequests).toBe(0);
    expect(github.log).toHaveLength(0);
  });

  it("retries a 500 through plugin-retry and succeeds", async () => {
    github.injectFault({ kind: "status", status: 500 }, { path: /\/commits$/, times: 2 });
    const commits = await client({ retries: 3 }).listCommits(REPO, { since: new Date(0), until: scenario.firstSeen });
    expect(commits.length).toBeGreaterThan(0);
    expect(github.log.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it("gives up on persistent 5xx with a transient typed error", async () => {
    github.injectFault({ kind: "status", status: 502 }, { times: 10 });
    const error = await rejection(client({ retries: 2 }).getCommit(REPO, scenario.culprit));
    expect(error).toBeInstanceOf(GitHubUnavailableError);
    expect(github.log).toHaveLength(3);
  });

  it("turns 429 with retry-after into a rate-limit error without retrying in-process", async () => {
    github.injectFault({ kind: "rate-limit", status: 429, retryAfter: 30 });
    const error = await rejection(client().listDeployments(REPO));
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect((error as GitHubRateLimitError).retryAfterSeconds).toBe(30);
    expect(github.log).toHaveLength(1);
  });

  it("reads the reset time of a primary 403 and the retry-after of a secondary limit", async () => {
    github.injectFault({ kind: "rate-limit", status: 403, resetInSeconds: 120 });
    const primary = (await rejection(
      client().listCommits(REPO, { since: new Date(0), until: new Date() }),
    )) as GitHubRateLimitError;
    expect(primary).toBeInstanceOf(GitHubRateLimitError);
    expect(primary.retryAfterSeconds).toBeGreaterThanOrEqual(120);
    expect(primary.retryAfterSeconds).toBeLessThanOrEqual(122);
    github.injectFault({ kind: "secondary-rate-limit", retryAfter: 45 });
    const secondary = (await rejection(client().getCommit(REPO, scenario.culprit))) as GitHubRateLimitError;
    expect(secondary).toBeInstanceOf(GitHubRateLimitError);
    expect(secondary.retryAfterSeconds).toBe(45);
    expect(github.log).toHaveLength(2);
  });

  it("reports a missing repository as a permanent error, without retries", async () => {
    const error = await rejection(
      correlateIssue(client(), { repo: "acme/missing", firstSeen: scenario.firstSeen, frames: scenario.frames }),
    );
    expect(error).toBeInstanceOf(GitHubPermanentError);
    expect((error as GitHubPermanentError).status).toBe(404);
    expect((error as Error).message).toContain("repository not found or no access");
    expect(github.log).toHaveLength(1);
  });

  it("fails within a bounded time when GitHub hangs", async () => {
    github.injectFault({ kind: "hang" });
    const started = Date.now();
    const error = await rejection(client({ timeoutMs: 300 }).listDeployments(REPO));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(GitHubUnavailableError);
    expect((error as Error).message).toContain("did not answer in time");
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
    expect(github.log).toHaveLength(1);
  });
});
