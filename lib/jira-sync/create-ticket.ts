// Creates an issue's ticket exactly once. Jira has no idempotency key, so a create is only sent when
// no earlier attempt can have succeeded: an earlier attempt (timeout, crash, retry) is first looked up
// by the ticket's fingerprint label, and a fresh attempt takes one of the project's hourly slots.

import { RetryAfterFailure } from "../errors";
import type { JiraTicket } from "../generated/prisma/client";
import { JiraError } from "../integrations/jira/errors";
import type { JiraClient } from "../integrations/jira/types";
import type { JiraSyncDeps } from "./jira-sync-deps";
import type { TicketOptions } from "./queue-ticket";
import { recordTicket } from "./record-ticket";
import { reserveCreateSlot } from "./reserve-create-slot";
import { ticketDescription } from "./ticket-description";

/** JQL search is eventually consistent: a ticket created this recently may not be findable yet. */
export const SEARCH_SETTLE_MS = 30_000;

export async function createTicketOnce(
  deps: JiraSyncDeps,
  client: JiraClient,
  ticket: JiraTicket,
  ticketsPerHour: number,
): Promise<string> {
  const { db } = deps;
  if (ticket.createAttemptedAt) {
    const [found] = await client.findTicketsByLabel(ticket.projectKey, ticket.fingerprint);
    if (found) {
      await recordTicket(db, ticket, found, {
        recovered: true,
        category: found.statusCategory,
        resolution: found.resolution,
      });
      deps.log.info({ issueId: ticket.issueId, key: found.key }, "jira.ticket_recovered_by_label");
      return found.key;
    }
    const waitedMs = deps.now().getTime() - ticket.createAttemptedAt.getTime();
    if (waitedMs < SEARCH_SETTLE_MS) {
      throw new RetryAfterFailure(
        "an earlier create may not be searchable yet",
        Math.ceil((SEARCH_SETTLE_MS - waitedMs) / 1000),
      );
    }
  }

  const slot = await reserveCreateSlot(db, ticket.issueId, deps.now(), ticketsPerHour);
  if (!slot.granted) {
    const seconds = Math.max(1, Math.ceil((slot.retryAt.getTime() - deps.now().getTime()) / 1000));
    throw new RetryAfterFailure(
      `Jira project ${ticket.projectKey} reached ${ticketsPerHour} new tickets this hour; queued until ${slot.retryAt.toISOString()}`,
      seconds,
      false,
    );
  }

  const issue = await db.issue.findUniqueOrThrow({
    where: { id: ticket.issueId },
    select: { identifier: true, title: true, description: true },
  });
  const options = ticket.options as unknown as TicketOptions;
  // Conditional on the row as loaded: a second run of the same issue (an expired claim whose handler is
  // still going) finds it changed and backs off instead of sending a second create.
  const claimed = await db.jiraTicket.updateMany({
    where: { issueId: ticket.issueId, state: ticket.state, createAttemptedAt: ticket.createAttemptedAt },
    data: { state: "creating", createAttemptedAt: deps.now(), lastError: null },
  });
  if (claimed.count === 0) throw new RetryAfterFailure("another run of this issue's sync is creating its ticket", 30);
  try {
    const created = await client.createTicket({
      projectKey: ticket.projectKey,
      summary: issue.title,
      issueType: options.issueType,
      descriptionMarkdown: ticketDescription(issue, deps.appUrl),
      labels: [...options.labels, ticket.fingerprint],
      components: options.components,
      priorityName: options.priorityName,
    });
    await recordTicket(db, ticket, created, { recovered: false, category: "new", resolution: null });
    deps.log.info({ issueId: ticket.issueId, key: created.key }, "jira.ticket_created");
    return created.key;
  } catch (error) {
    await recordCreateFailure(deps, ticket, error, client);
    throw error;
  }
}

/** What a failed create leaves behind decides the next attempt: only an uncertain one searches first. */
async function recordCreateFailure(
  deps: JiraSyncDeps,
  ticket: JiraTicket,
  error: unknown,
  client: JiraClient,
): Promise<void> {
  if (!(error instanceof JiraError)) {
    // Unknown outcome: stays "creating", so the retry searches first.
    await deps.db.jiraTicket
      .update({
        where: { issueId: ticket.issueId },
        data: { createAttemptedAt: deps.now() },
        select: { issueId: true },
      })
      .catch(() => undefined);
    return;
  }
  let message = error.messages.length > 0 ? error.messages.join("; ") : error.message;
  if (error.kind === "permanent") {
    message += await fieldHints(client, ticket.projectKey, message);
    // Refused (e.g. unknown component): no ticket exists and none will until the mapping is fixed; free the slot.
    await deps.db.$transaction([
      deps.db.jiraTicket.update({
        where: { issueId: ticket.issueId },
        data: { state: "failed", lastError: message, slotAt: null },
        select: { issueId: true },
      }),
      deps.db.activity.create({
        data: {
          issueId: ticket.issueId,
          actorName: "Jira",
          action: "jira_ticket_failed",
          data: { message, status: error.status ?? null },
        },
      }),
    ]);
  } else if (error.kind === "rate_limited" || error.kind === "auth") {
    // Jira refused this create before doing anything, but an earlier uncertain attempt (if any) still
    // needs its label search: keep its time rather than forget it.
    const earlier = ticket.createAttemptedAt;
    await deps.db.jiraTicket.update({
      where: { issueId: ticket.issueId },
      data: { state: earlier ? "creating" : "pending", createAttemptedAt: earlier, lastError: message },
      select: { issueId: true },
    });
  } else {
    // Uncertain (timeout, 5xx): the settle time for the label search runs from the end of this attempt.
    await deps.db.jiraTicket.update({
      where: { issueId: ticket.issueId },
      data: { createAttemptedAt: deps.now(), lastError: message },
      select: { issueId: true },
    });
  }
}

/**
 * When Jira refuses an issue type or a component, what the project does offer (cached project
 * metadata), so that whoever fixes the mapping need not look it up. Read only after a refusal.
 */
async function fieldHints(client: JiraClient, projectKey: string, message: string): Promise<string> {
  const aboutType = /issue ?type/i.test(message);
  const aboutComponents = /component/i.test(message);
  if (!aboutType && !aboutComponents) return "";
  try {
    const project = await client.getProject(projectKey);
    const offered = [
      aboutType ? `issue types: ${project.issueTypes.join(", ") || "none"}` : null,
      aboutComponents ? `components: ${project.components.join(", ") || "none"}` : null,
    ].filter(Boolean);
    return ` (${projectKey} offers ${offered.join("; ")})`;
  } catch {
    return ""; // the hint is a courtesy; the refusal is recorded either way
  }
}
