// One GitHub client per token per process, so its ETag and commit caches stay warm across jobs. A
// mapping may bring its own token (another organisation's repo); the default is GITHUB_TOKEN.
import { createHash } from "node:crypto";
import { getEnv } from "../../env";
import { logger } from "../../logger";
import { createGitHubClient, type GitHubClient } from "./github-client";

const clients = new Map<string, GitHubClient>();

export function getGitHubClient(tokenOverride?: string | null): GitHubClient {
  const env = getEnv();
  const token = tokenOverride ?? env.GITHUB_TOKEN;
  const cacheKey = token ? createHash("sha256").update(token).digest("hex") : "anonymous";
  let client = clients.get(cacheKey);
  if (!client) {
    client = createGitHubClient({
      token,
      baseUrl: env.GITHUB_API_URL,
      log: { warn: (message) => logger.warn({ scope: "github" }, message) },
    });
    clients.set(cacheKey, client);
  }
  return client;
}
