import { describe, expect, it } from "vitest";
import { correlateIssue } from "@/lib/correlation/correlate-issue";
import { formatSuspectedCause } from "@/lib/correlation/format-suspected-cause";
import { GitHubPermanentError } from "@/lib/integrations/github/github-errors";
import type { FakeCommit } from "../support/fake-github";
import { generateScenario } from "../support/generate-history";
import { createMemoryGitHub } from "../support/memory-github";

const REPO = "acme/shop";
const HOUR = 3_600_000;

describe("correlateIssue", () => {
  it("keeps to the window and the commit cap, and ranks the culprit with its deployment", async () => {
    const scenario = generateScenario(7, false);
    const client = createMemoryGitHub(REPO, scenario.repo);
    const result = await correlateIssue(client, {
      repo: REPO,
      firstSeen: scenario.firstSeen,
      frames: scenario.frames,
      release: scenario.release,
    });
    const start = scenario.firstSeen.getTime() - 48 * HOUR;
    expect(result.commits.length).toBeGreaterThan(0);
    expect(result.commits.length).toBeLessThanOrEqual(20);
    for (const commit of result.commits) {
      expect(Date.parse(commit.committedAt!)).toBeGreaterThanOrEqual(start);
      expect(Date.parse(commit.committedAt!)).toBeLessThanOrEqual(scenario.firstSeen.getTime());
    }
    expect(result.suspects[0]).toMatchObject({ sha: scenario.culprit, lineEvidence: true, inLastDeployment: true });
    expect(result.deployments[0]!.sha).toBe(scenario.repo.deployments![0]!.sha);
    expect(result.stackFiles[0]).toBe(
      scenario.frames.at(-1)!.filename!.replace(/^(webpack:\/\/web\/\.\/|app:\/\/\/|\/)/, ""),
    );
    expect(result.recentlyModifiedStackFiles).toContain(result.stackFiles[0]);
    // One list, one detail per commit, one deployment list, a status per deployment looked at.
    expect(result.githubRequests).toBeLessThanOrEqual(1 + result.commits.length + 1 + 6 + 1);
    const markdown = formatSuspectedCause(result)!;
    expect(markdown.split("\n").find((line) => line.startsWith("- [")))!.toContain(
      `[\`${scenario.culprit.slice(0, 7)}\`]`,
    );
    expect(markdown).not.toMatch(/undefined|null|NaN/);
  });

  it("honours windowHours and maxCommits", async () => {
    const scenario = generateScenario(8, false);
    const client = createMemoryGitHub(REPO, scenario.repo);
    const result = await correlateIssue(client, {
      repo: REPO,
      firstSeen: scenario.firstSeen,
      frames: scenario.frames,
      windowHours: 6,
      maxCommits: 3,
    });
    expect(result.commits.length).toBeLessThanOrEqual(3);
    for (const commit of result.commits)
      expect(Date.parse(commit.committedAt!)).toBeGreaterThanOrEqual(scenario.firstSeen.getTime() - 6 * HOUR);
  });

  it("skips per-commit requests when the stack has no file of ours", async () => {
    const scenario = generateScenario(9, false);
    const client = createMemoryGitHub(REPO, { commits: scenario.repo.commits });
    const frames = [
      { filename: "/usr/lib/python3.11/site-packages/django/core/handlers/base.py", lineno: 3, inApp: false },
    ];
    const result = await correlateIssue(client, { repo: REPO, firstSeen: scenario.firstSeen, frames });
    expect(result.githubRequests).toBe(2); // the commit list and the (empty) deployment list
    expect(result.suspects).toEqual([]);
    expect(result.stackFiles).toEqual([]);
    expect(formatSuspectedCause(result)).toContain("These commits were made shortly before the error first appeared:");
  });

  it("takes the deployment the release names, and carries on without the Deployments permission", async () => {
    const at = (hours: number): string => new Date(Date.UTC(2026, 10, 20, 12) + hours * HOUR).toISOString();
    const commit = (sha: string, hours: number): FakeCommit => ({
      sha: sha.repeat(40).slice(0, 40),
      message: `commit ${sha}`,
      author: { name: "A", email: "a@x" },
      date: at(hours),
      files: [{ filename: "src/a.ts" }],
    });
    const commits = [commit("1", -30), commit("2", -20), commit("3", -10), commit("4", -2)];
    const deployments = [
      {
        id: 1,
        sha: commits[0]!.sha,
        ref: "main",
        environment: "production",
        createdAt: at(-29),
        statuses: [{ state: "success" as const, createdAt: at(-29) }],
      },
      {
        id: 2,
        sha: commits[1]!.sha,
        ref: "main",
        environment: "production",
        createdAt: at(-19),
        statuses: [{ state: "success" as const, createdAt: at(-19) }],
      },
      {
        id: 3,
        sha: commits[2]!.sha,
        ref: "main",
        environment: "production",
        createdAt: at(-9),
        statuses: [{ state: "failure" as const, createdAt: at(-9) }],
      },
    ];
    const client = createMemoryGitHub(REPO, { commits, deployments });
    const frames = [{ filename: "src/a.ts", inApp: true }];
    const byTime = await correlateIssue(client, { repo: REPO, firstSeen: new Date(at(0)), frames });
    expect(byTime.deployments.map((d) => d.id)).toEqual([2, 1]); // the failed one is skipped
    expect(byTime.suspects.find((s) => s.sha === commits[3]!.sha)?.reasons.join(" ")).toContain("not live");
    const byRelease = await correlateIssue(client, {
      repo: REPO,
      firstSeen: new Date(at(0)),
      frames,
      release: `shop@${"1".repeat(9)}`,
    });
    expect(byRelease.deployments.map((d) => d.id)).toEqual([1]);
    expect(byRelease.suspects.find((s) => s.sha === commits[0]!.sha)).toMatchObject({ inLastDeployment: true });

    const noPermission = {
      ...client,
      listDeployments: async () => Promise.reject(new GitHubPermanentError("no access", 403)),
    };
    const without = await correlateIssue(noPermission, { repo: REPO, firstSeen: new Date(at(0)), frames });
    expect(without.deployments).toEqual([]);
    expect(without.suspects).toHaveLength(4);
  });
});
