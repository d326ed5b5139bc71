// Project metadata changes rarely and is read before every create: keep it 5 minutes per site and key.
import { createMemoCache } from "../../memo-cache";

export interface JiraProject {
  key: string;
  name: string;
  issueTypes: string[];
  components: string[];
}

export const PROJECT_CACHE_TTL_MS = 5 * 60_000;
const cache = createMemoCache<JiraProject>({ maxEntries: 500, ttlMs: PROJECT_CACHE_TTL_MS });

export function getCachedProject(key: string, now = Date.now()): JiraProject | undefined {
  return cache.get(key, now);
}

export function setCachedProject(key: string, project: JiraProject, now = Date.now()): void {
  cache.set(key, project, now);
}

/** Tests, and an admin who just changed the project in Jira. */
export function clearJiraProjectCache(): void {
  cache.clear();
}
