// Brings the ticket's status category in line with the internal status: done/canceled → a done-category
// status, anything else → open again. The transition is picked by status category (workflows differ;
// never "the first in the list"), and a ticket resolved as Won't Do or Duplicate is left closed.
import { JiraError } from "../integrations/jira/errors";
import type { JiraClient, TicketState, Transition } from "../integrations/jira/types";
import { CLOSED_STATUSES } from "../issues/vocabulary";
import type { JiraSyncDeps } from "./jira-sync-deps";
import { recordTicketMissing, recordTicketMoved } from "./ticket-moved";

/** Resolutions that mean "we decided not to fix this": a regression does not reopen them. */
export const FINAL_RESOLUTION = /won'?t\s*(do|fix)|duplicate|cannot reproduce/i;

export async function convergeTicketStatus(
  deps: JiraSyncDeps,
  client: JiraClient,
  issueId: string,
  knownKey: string,
): Promise<void> {
  const { db } = deps;
  const issue = await db.issue.findUniqueOrThrow({
    where: { id: issueId },
    select: { identifier: true, status: true },
  });
  const ticket = await db.jiraTicket.findUniqueOrThrow({
    where: { issueId },
    select: { ticketCategory: true, lastError: true },
  });
  const wantDone = CLOSED_STATUSES.has(issue.status);
  // The ticket already is where we want it (also how a change that came from Jira is not echoed back).
  if ((ticket.ticketCategory === "done") === wantDone) return;

  let current: TicketState;
  try {
    current = await client.getTicket(knownKey);
  } catch (error) {
    if (error instanceof JiraError && error.status === 404)
      return recordTicketMissing(db, issueId, knownKey, ticket.lastError);
    throw error;
  }
  // Jira answers to a moved ticket's old key with its new one: follow it.
  if (current.key !== knownKey)
    await recordTicketMoved(db, issueId, { id: current.id, key: current.key, url: current.url });
  const key = current.key;
  const remember = (data: { ticketCategory: string; ticketResolution: string | null; lastError?: string | null }) =>
    db.jiraTicket.update({ where: { issueId }, data, select: { issueId: true } });
  if ((current.statusCategory === "done") === wantDone) {
    await remember({ ticketCategory: current.statusCategory, ticketResolution: current.resolution });
    return;
  }
  if (!wantDone && current.resolution && FINAL_RESOLUTION.test(current.resolution)) {
    const note = `${key} stays closed: it was resolved as ${current.resolution} in Jira`;
    await remember({ ticketCategory: current.statusCategory, ticketResolution: current.resolution, lastError: note });
    if (ticket.lastError !== note) {
      await db.activity.create({
        data: {
          issueId,
          actorName: "Jira",
          action: "jira_left_closed",
          data: { key, resolution: current.resolution, message: note },
        },
      });
    }
    return;
  }

  const transitions = await client.listTransitions(key);
  const chosen = wantDone ? pickClosing(transitions, issue.status === "canceled") : pickReopening(transitions);
  if (!chosen) {
    const note = `${key}: the workflow offers no transition to a ${wantDone ? "done" : "to-do"} status from ${current.statusName}`;
    await remember({ ticketCategory: current.statusCategory, ticketResolution: current.resolution, lastError: note });
    if (ticket.lastError !== note)
      await db.activity.create({
        data: { issueId, actorName: "Jira", action: "jira_sync_failed", data: { key, message: note } },
      });
    return;
  }
  await client.transition(key, chosen.id);
  if (!wantDone)
    await client.addComment(
      key,
      `Reopened because ${issue.identifier} was reopened in the error tracker (it regressed or was reopened by hand).`,
    );
  await remember({
    ticketCategory: chosen.toStatusCategory,
    ticketResolution: wantDone ? current.resolution : null,
    lastError: null,
  });
  await db.activity.create({
    data: {
      issueId,
      actorName: "Jira",
      action: "jira_ticket_transitioned",
      toValue: chosen.toStatusName,
      data: { key, transition: chosen.name, category: chosen.toStatusCategory },
    },
  });
  deps.log.info({ issueId, key, transition: chosen.name }, "jira.ticket_transitioned");
}

function pickClosing(transitions: Transition[], canceled: boolean): Transition | undefined {
  const done = transitions.filter((transition) => transition.toStatusCategory === "done");
  const isDecline = (transition: Transition) => FINAL_RESOLUTION.test(`${transition.name} ${transition.toStatusName}`);
  return canceled ? (done.find(isDecline) ?? done[0]) : (done.find((transition) => !isDecline(transition)) ?? done[0]);
}

function pickReopening(transitions: Transition[]): Transition | undefined {
  return (
    transitions.find((transition) => transition.toStatusCategory === "new") ??
    transitions.find((transition) => transition.toStatusCategory === "indeterminate")
  );
}
