// Flood control (seed 000): at most N new tickets per Jira project per rolling hour. An issue over the
// cap keeps its place in the queue (state rate_limited) and is created when the window allows;
// nothing is dropped. Slots are counted under a per-project advisory lock so concurrent workers
// (processes or machines) cannot overshoot.
import type { Db } from "../db";

export const RATE_WINDOW_MS = 60 * 60 * 1000;

export type SlotDecision = { granted: true } | { granted: false; retryAt: Date; used: number };

export async function reserveCreateSlot(
  db: Db,
  issueId: string,
  now: Date,
  ticketsPerHour: number,
): Promise<SlotDecision> {
  return db.$transaction(async (tx) => {
    const ticket = await tx.jiraTicket.findUniqueOrThrow({
      where: { issueId },
      select: { connectionId: true, projectKey: true, slotAt: true },
    });
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`jira-slots:${ticket.connectionId}:${ticket.projectKey}`}))`;
    // An earlier attempt's slot stays taken: a retry of the same issue is not a new ticket.
    if (ticket.slotAt) return { granted: true } as const;
    const windowStart = new Date(now.getTime() - RATE_WINDOW_MS);
    const taken = await tx.jiraTicket.findMany({
      where: { connectionId: ticket.connectionId, projectKey: ticket.projectKey, slotAt: { gt: windowStart } },
      select: { slotAt: true },
      orderBy: { slotAt: "asc" },
    });
    if (taken.length >= ticketsPerHour) {
      // The slot that frees first is the (used - cap + 1)-th oldest.
      const freeing = taken[taken.length - ticketsPerHour]!.slotAt!;
      const retryAt = new Date(freeing.getTime() + RATE_WINDOW_MS);
      await tx.jiraTicket.update({
        where: { issueId },
        data: { state: "rate_limited", notBefore: retryAt },
        select: { issueId: true },
      });
      return { granted: false, retryAt, used: taken.length } as const;
    }
    await tx.jiraTicket.update({
      where: { issueId },
      data: { slotAt: now, notBefore: null },
      select: { issueId: true },
    });
    return { granted: true } as const;
  });
}
