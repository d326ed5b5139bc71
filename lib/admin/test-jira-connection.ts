// "Test connection" for a Jira connection: are the credentials accepted (GET myself), and may they browse
// and create issues in each project a mapping sends tickets to (mypermissions per project)? A refusal in
// one project is named with the project instead of marking the whole connection broken, so the status
// only says what the credentials themselves are: accepted (ok) or refused (broken).
import type { Db } from "../db";
import { AppError } from "../errors";
import { isJiraError } from "../integrations/jira/errors";
import { markConnection } from "../jira-sync/connection-status";
import { type JiraClientFactory, jiraClientFor } from "../jira-sync/jira-client-for";
import { looksLikeId } from "./common";

export const REQUIRED_PERMISSIONS = ["BROWSE_PROJECTS", "CREATE_ISSUES"] as const;

export interface ProjectCheck {
  projectKey: string;
  ok: boolean;
  /** What is missing or went wrong in this project, e.g. "missing CREATE_ISSUES". */
  problem: string | null;
}

export interface ConnectionTestResult {
  credentials: { ok: boolean; message: string };
  projects: ProjectCheck[];
}

export async function testJiraConnection(
  db: Db,
  id: string,
  options: { clientFor?: JiraClientFactory; now?: Date } = {},
): Promise<ConnectionTestResult> {
  const connection = looksLikeId(id)
    ? await db.jiraConnection.findUnique({
        where: { id },
        select: {
          id: true,
          flavor: true,
          baseUrl: true,
          email: true,
          tokenEncrypted: true,
          mappings: { select: { jiraProjectKey: true } },
        },
      })
    : null;
  if (!connection) throw new AppError("not_found", `Jira connection ${id} not found`);
  const client = (options.clientFor ?? jiraClientFor)(connection);
  const now = options.now ?? new Date();

  try {
    await client.checkAccess();
  } catch (error) {
    if (!isJiraError(error)) throw error;
    if (error.kind === "auth")
      await markConnection(
        db,
        connection.id,
        "broken",
        `Jira answered ${error.status ?? "401/403"}: ${error.messages.join("; ") || "credentials refused"}`,
        now,
      );
    return { credentials: { ok: false, message: error.message }, projects: [] };
  }
  await markConnection(db, connection.id, "ok", null, now);

  const keys = [
    ...new Set(
      connection.mappings.map((mapping) => mapping.jiraProjectKey).filter((key): key is string => key !== null),
    ),
  ].sort();
  const projects: ProjectCheck[] = [];
  for (const projectKey of keys) projects.push(await checkProject(client, projectKey));
  return { credentials: { ok: true, message: "Jira accepted the credentials" }, projects };
}

async function checkProject(client: ReturnType<JiraClientFactory>, projectKey: string): Promise<ProjectCheck> {
  try {
    const granted = await client.myPermissions(projectKey, [...REQUIRED_PERMISSIONS]);
    const missing = REQUIRED_PERMISSIONS.filter((permission) => !granted[permission]);
    return {
      projectKey,
      ok: missing.length === 0,
      problem: missing.length === 0 ? null : `missing ${missing.join(" and ")}`,
    };
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return { projectKey, ok: false, problem: error.messages.join("; ") || error.message };
  }
}
