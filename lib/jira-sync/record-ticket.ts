// Records a ticket as the issue's one Jira ticket: sync state, the external_issue link (source "jira")
// and an activity line, in one transaction.
import type { Db } from "../db";
import type { JiraTicket } from "../generated/prisma/client";

export interface TicketRef {
  id: string;
  key: string;
  url: string;
}

export async function recordTicket(
  db: Db,
  ticket: Pick<JiraTicket, "issueId" | "projectKey" | "fingerprint">,
  found: TicketRef,
  facts: { recovered: boolean; category: string; resolution: string | null },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.jiraTicket.update({
      where: { issueId: ticket.issueId },
      data: {
        state: "created",
        ticketId: found.id,
        ticketKey: found.key,
        ticketUrl: found.url,
        ticketCategory: facts.category,
        ticketResolution: facts.resolution,
        lastError: null,
        notBefore: null,
      },
      select: { issueId: true },
    });
    await tx.externalIssue.createMany({
      data: [
        {
          issueId: ticket.issueId,
          source: "jira",
          externalId: jiraExternalId(found.url, found.key),
          externalUrl: found.url,
          metadata: { key: found.key, id: found.id, projectKey: ticket.projectKey, fingerprint: ticket.fingerprint },
        },
      ],
      skipDuplicates: true,
    });
    await tx.activity.create({
      data: {
        issueId: ticket.issueId,
        actorName: "Jira",
        action: "jira_ticket_created",
        toValue: found.key,
        data: { key: found.key, url: found.url, recovered: facts.recovered },
      },
    });
  });
}

/** Unique across Jira sites: "<site host>/<KEY>". */
export function jiraExternalId(url: string, key: string): string {
  try {
    return `${new URL(url).host}/${key}`;
  } catch {
    return key;
  }
}
