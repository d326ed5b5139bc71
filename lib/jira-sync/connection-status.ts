// A Jira connection's health as the sync last saw it; "broken" is shown to admins and holds pending work.
import type { Db } from "../db";
import type { ConnectionStatus } from "../generated/prisma/enums";
import { logger } from "../logger";

export async function markConnection(
  db: Db,
  connectionId: string,
  status: ConnectionStatus,
  reason: string | null,
  now: Date,
): Promise<void> {
  const { count } = await db.jiraConnection.updateMany({
    where: { id: connectionId, NOT: { status } },
    data: { status, statusReason: reason, statusChangedAt: now },
  });
  if (count > 0)
    logger[status === "broken" ? "warn" : "info"]({ connectionId, status, reason }, "jira.connection_status_changed");
}
