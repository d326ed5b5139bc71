// jira.sync: the one converging job per issue. It creates the ticket when the issue has none (never
// twice: a create whose answer was lost is first looked up by its fingerprint label), then brings the
// ticket's status category in line with the internal status. Running it again is always safe.

import { PermanentFailure, RetryAfterFailure } from "../errors";
import { JiraError } from "../integrations/jira/errors";
import type { JiraClient } from "../integrations/jira/types";
import { markConnection } from "./connection-status";
import { convergeTicketStatus } from "./converge-status";
import { createTicketOnce } from "./create-ticket";
import type { JiraSyncDeps } from "./jira-sync-deps";
import { refreshTicketOptions } from "./queue-ticket";

/** How long to wait before re-checking a connection an admin must fix (401/403). */
export const BROKEN_CONNECTION_RECHECK_SECONDS = 300;

export interface SyncOptions {
  /** Someone pressed Retry: a ticket Jira refused (400) is tried again, with the mapping's current fields. */
  retry?: boolean;
}

export async function syncJiraTicket(deps: JiraSyncDeps, issueId: string, options: SyncOptions = {}): Promise<void> {
  let ticket = await deps.db.jiraTicket.findUnique({
    where: { issueId },
    include: { connection: true, mapping: { select: { jiraTicketsPerHour: true } } },
  });
  if (!ticket) return; // issue deleted, or never meant for Jira
  if (ticket.state === "failed") {
    // Jira refused this exact ticket; sending it again on every status change would only fail again.
    if (!options.retry) return;
    await refreshTicketOptions(deps, issueId);
    ticket = await deps.db.jiraTicket.findUniqueOrThrow({
      where: { issueId },
      include: { connection: true, mapping: { select: { jiraTicketsPerHour: true } } },
    });
  }
  if (ticket.connection.status === "broken") {
    throw new RetryAfterFailure(
      `Jira connection "${ticket.connection.name}" is broken: ${ticket.connection.statusReason ?? "credentials refused"}`,
      BROKEN_CONNECTION_RECHECK_SECONDS,
      false,
    );
  }
  const client = deps.clientFor(ticket.connection);
  try {
    const key =
      ticket.state === "created" && ticket.ticketKey
        ? ticket.ticketKey
        : await createTicketOnce(deps, client, ticket, ticket.mapping?.jiraTicketsPerHour ?? 10);
    await convergeTicketStatus(deps, client, issueId, key);
    if (ticket.connection.status !== "ok") await markConnection(deps.db, ticket.connection.id, "ok", null, deps.now());
  } catch (error) {
    throw await classify(deps, ticket.connection.id, error);
  }
}

/** Turns a Jira failure into what the job runner understands; 401/403 also marks the connection broken. */
async function classify(deps: JiraSyncDeps, connectionId: string, error: unknown): Promise<unknown> {
  if (!(error instanceof JiraError)) return error;
  const detail = error.messages.length > 0 ? error.messages.join("; ") : error.message;
  switch (error.kind) {
    case "rate_limited":
      return new RetryAfterFailure(`Jira asked us to wait: ${detail}`, error.retryAfterSeconds ?? 60);
    case "auth":
      await markConnection(
        deps.db,
        connectionId,
        "broken",
        `Jira answered ${error.status ?? "401/403"}: ${detail}`,
        deps.now(),
      );
      return new RetryAfterFailure(`Jira refused the credentials: ${detail}`, BROKEN_CONNECTION_RECHECK_SECONDS, false);
    case "permanent":
      return new PermanentFailure(`Jira refused the request: ${detail}`);
    case "transient":
      return error;
  }
}

export type { JiraClient };
