// A connection marked broken (Jira answered 401/403) holds its tickets. Credentials are often fixed on
// Jira's side (a permission restored, a token re-enabled) without anyone editing them here, so the
// sweep asks Jira again every few minutes; once it accepts them, the held work resumes.
import { JiraError } from "../integrations/jira/errors";
import { markConnection } from "./connection-status";
import type { JiraSyncDeps } from "./jira-sync-deps";

export type ProbeDeps = Pick<JiraSyncDeps, "db" | "clientFor" | "now" | "log">;

/** Returns the ids of the connections found working again. */
export async function probeBrokenConnections(deps: ProbeDeps): Promise<string[]> {
  const broken = await deps.db.jiraConnection.findMany({
    where: { status: "broken" },
    select: { id: true, name: true, flavor: true, baseUrl: true, email: true, tokenEncrypted: true },
  });
  const healed: string[] = [];
  for (const connection of broken) {
    try {
      await deps.clientFor(connection).checkAccess();
    } catch (error) {
      // Still refused, or Jira unreachable: it stays broken, and its held work keeps waiting.
      deps.log.info(
        {
          connectionId: connection.id,
          reason: error instanceof JiraError ? (error.status ?? error.kind) : String(error),
        },
        "jira.connection_still_broken",
      );
      continue;
    }
    await markConnection(deps.db, connection.id, "ok", null, deps.now());
    healed.push(connection.id);
  }
  return healed;
}
