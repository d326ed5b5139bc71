// GitHubClient over in-memory repository data, for unit tests that run hundreds of correlations;
// it answers as fake-github.ts does over HTTP, minus the transport.
import type { CommitDetail, GitHubClient } from "@/lib/integrations/github/github-client";
import type { FakeCommit, FakeRepoData } from "./fake-github";

function toDetail(repo: string, commit: FakeCommit): CommitDetail {
  return {
    sha: commit.sha,
    htmlUrl: `https://github.com/${repo}/commit/${commit.sha}`,
    message: commit.message,
    authorName: commit.author.name,
    authorLogin: commit.author.login,
    authoredAt: commit.date,
    committedAt: commit.date,
    files: commit.files.map((file) => {
      const lines = (file.patch ?? "").split("\n");
      const additions = lines.filter((line) => line.startsWith("+")).length;
      const deletions = lines.filter((line) => line.startsWith("-")).length;
      return {
        filename: file.filename,
        previousFilename: file.previousFilename,
        status: file.status ?? "modified",
        additions,
        deletions,
        patch: file.patch,
      };
    }),
  };
}

export function createMemoryGitHub(repo: string, data: FakeRepoData): GitHubClient {
  let requests = 0;
  const newestFirst = [...data.commits].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  const find = (sha: string): FakeCommit => {
    const commit = newestFirst.find((c) => c.sha.startsWith(sha));
    if (!commit) throw new Error(`no commit ${sha}`);
    return commit;
  };
  return {
    async listCommits(_repo, window) {
      requests += 1;
      return newestFirst
        .filter((c) => Date.parse(c.date) >= window.since.getTime() && Date.parse(c.date) <= window.until.getTime())
        .slice(0, window.perPage ?? 100)
        .map((c) => toDetail(repo, c));
    },
    async getCommit(_repo, sha) {
      requests += 1;
      return toDetail(repo, find(sha));
    },
    async compareCommits(_repo, base, head) {
      requests += 1;
      const [from, to] = [Date.parse(find(base).date), Date.parse(find(head).date)];
      return newestFirst
        .filter((c) => Date.parse(c.date) > from && Date.parse(c.date) <= to)
        .reverse()
        .map((c) => toDetail(repo, c));
    },
    async listDeployments(_repo, filter = {}) {
      requests += 1;
      return (data.deployments ?? [])
        .filter((d) => !filter.environment || d.environment === filter.environment)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .map((d) => ({ id: d.id, sha: d.sha, ref: d.ref, environment: d.environment, createdAt: d.createdAt }));
    },
    async getLatestDeploymentStatus(_repo, id) {
      requests += 1;
      return data.deployments?.find((d) => d.id === id)?.statuses.at(-1);
    },
    requestCount: () => requests,
  };
}
