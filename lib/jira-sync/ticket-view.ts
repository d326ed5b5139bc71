// What the UI and API say about an issue's Jira ticket, from its sync row. Shared by the issue list,
// the issue page and webhook responses so they never disagree.
import { formatDateTime } from "../text/format-date-time";

/** The jira_ticket columns (and its connection's health) the summary needs; select these. */
export const TICKET_VIEW_SELECT = {
  state: true,
  ticketKey: true,
  ticketUrl: true,
  notBefore: true,
  lastError: true,
  connection: { select: { name: true, status: true, statusReason: true } },
} as const;

export interface TicketViewRow {
  state: "pending" | "rate_limited" | "creating" | "created" | "failed";
  ticketKey: string | null;
  ticketUrl: string | null;
  notBefore: Date | null;
  lastError: string | null;
  connection: { name: string; status: "unknown" | "ok" | "broken"; statusReason: string | null };
}

export type TicketTone = "link" | "muted" | "warning" | "error";

export interface TicketView {
  /** Short text for a table cell, e.g. "OPS-12" or "pending (rate limit)". */
  label: string;
  tone: TicketTone;
  url: string | null;
  /** Longer explanation (tooltip, issue page). */
  detail: string | null;
}

export function describeTicket(row: TicketViewRow): TicketView {
  if (row.state === "created" && row.ticketKey) {
    return { label: row.ticketKey, tone: "link", url: row.ticketUrl, detail: row.lastError };
  }
  if (row.connection.status === "broken") {
    return {
      label: "pending (Jira connection broken)",
      tone: "error",
      url: null,
      detail: `Jira connection "${row.connection.name}" refused our credentials${row.connection.statusReason ? `: ${row.connection.statusReason}` : ""}. The ticket is created once Jira accepts them again (asked every 5 minutes) or an admin updates them.`,
    };
  }
  switch (row.state) {
    case "rate_limited":
      return {
        label: "pending (rate limit)",
        tone: "warning",
        url: null,
        detail: row.notBefore
          ? `This Jira project reached its hourly ticket limit; the ticket is queued until ${formatDateTime(row.notBefore)}.`
          : "Queued behind the project's hourly ticket limit.",
      };
    case "failed":
      return {
        label: "failed",
        tone: "error",
        url: null,
        detail: row.lastError ? `Jira refused the ticket: ${row.lastError}` : "Jira refused the ticket.",
      };
    case "creating":
      return { label: "creating…", tone: "muted", url: null, detail: row.lastError };
    default:
      return { label: "pending", tone: "muted", url: null, detail: row.lastError };
  }
}
