// One GitHub client per process, so its ETag and commit caches stay warm across jobs.
import { getEnv } from "../../env";
import { logger } from "../../logger";
import { createGitHubClient, type GitHubClient } from "./github-client";

let client: GitHubClient | undefined;

export function getGitHubClient(): GitHubClient {
  const env = getEnv();
  client ??= createGitHubClient({
    token: env.GITHUB_TOKEN,
    baseUrl: env.GITHUB_API_URL,
    log: { warn: (message) => logger.warn({ scope: "github" }, message) },
  });
  return client;
}
