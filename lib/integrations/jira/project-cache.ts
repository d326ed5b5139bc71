// Project metadata changes rarely and is read before every create: keep it 5 minutes per site and key.
export interface JiraProject {
  key: string;
  name: string;
  issueTypes: string[];
  components: string[];
}

export const PROJECT_CACHE_TTL_MS = 5 * 60_000;
const cache = new Map<string, { project: JiraProject; expiresAt: number }>();

export function getCachedProject(key: string, now = Date.now()): JiraProject | undefined {
  const entry = cache.get(key);
  if (entry && entry.expiresAt > now) return entry.project;
  cache.delete(key);
  return undefined;
}

export function setCachedProject(key: string, project: JiraProject, now = Date.now()): void {
  cache.set(key, { project, expiresAt: now + PROJECT_CACHE_TTL_MS });
}

/** Tests, and an admin who just changed the project in Jira. */
export function clearJiraProjectCache(): void {
  cache.clear();
}
