// Choices for a mapping's Jira project and issue type, read from the mapping's Jira connection and kept
// a minute (the form asks again on every connection or project change). When Jira cannot be asked, the
// answer says why and the form falls back to typing the key and the type by hand.
import type { Db } from "../db";
import { isJiraError } from "../integrations/jira/errors";
import type { JiraProjectSummary } from "../integrations/jira/types";
import { type JiraClientFactory, jiraClientFor } from "../jira-sync/jira-client-for";
import { createMemoCache } from "../memo-cache";
import { looksLikeId } from "./common";

export interface JiraPickerOptions {
  /** null: Jira could not be asked (see `error`); type the values instead. */
  projects: JiraProjectSummary[] | null;
  /** Issue types of the chosen project; null when none was chosen or it could not be read. */
  issueTypes: string[] | null;
  error: string | null;
}

const PICKER_TTL_MS = 60_000;
const projectLists = createMemoCache<JiraProjectSummary[]>({ maxEntries: 200, ttlMs: PICKER_TTL_MS });

export async function jiraPickerOptions(
  db: Db,
  input: { connectionId: string; projectKey?: string | null },
  options: { clientFor?: JiraClientFactory } = {},
): Promise<JiraPickerOptions> {
  const connection = looksLikeId(input.connectionId)
    ? await db.jiraConnection.findUnique({
        where: { id: input.connectionId },
        select: { id: true, flavor: true, baseUrl: true, email: true, tokenEncrypted: true, updatedAt: true },
      })
    : null;
  if (!connection) return { projects: null, issueTypes: null, error: "Unknown Jira connection" };
  const client = (options.clientFor ?? jiraClientFor)(connection);
  // Keyed by the row's updatedAt too: new credentials see their own projects at once.
  const cacheKey = `${connection.id} ${connection.updatedAt.getTime()}`;
  try {
    let projects = projectLists.get(cacheKey);
    if (!projects) {
      projects = await client.listProjects();
      projectLists.set(cacheKey, projects);
    }
    const key = input.projectKey?.trim();
    if (!key) return { projects, issueTypes: null, error: null };
    try {
      return { projects, issueTypes: (await client.getProject(key)).issueTypes, error: null };
    } catch (error) {
      if (!isJiraError(error)) throw error;
      return { projects, issueTypes: null, error: `Issue types of ${key}: ${error.message}` };
    }
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return { projects: null, issueTypes: null, error: error.message };
  }
}
