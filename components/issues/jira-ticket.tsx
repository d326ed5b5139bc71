import { ExternalLink } from "lucide-react";
import { describeTicket, type TicketTone, type TicketViewRow } from "@/lib/jira-sync/ticket-view";
import { httpUrl } from "@/lib/text/http-url";

const TONE: Record<TicketTone, string> = {
  link: "font-medium text-link hover:text-link-hover",
  muted: "text-ink-500",
  warning: "text-amber-700 dark:text-amber-400",
  error: "text-red-600 dark:text-red-400",
};

/** An issue's Jira ticket: its key as a link once created, else why it is not there yet. */
export function JiraTicket({ ticket, showDetail = false }: { ticket: TicketViewRow | null; showDetail?: boolean }) {
  if (!ticket) return <span className="text-ink-500">{showDetail ? "None" : ""}</span>;
  const view = describeTicket(ticket);
  const href = httpUrl(view.url);
  const label = href ? (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={view.detail ?? `Open ${view.label} in Jira`}
      className={`relative z-10 inline-flex items-center gap-1 ${TONE[view.tone]}`}
      data-testid="jira-ticket"
    >
      {view.label}
      {showDetail && <ExternalLink className="size-3" aria-hidden />}
    </a>
  ) : (
    <span title={view.detail ?? undefined} className={TONE[view.tone]} data-testid="jira-ticket">
      {view.label}
    </span>
  );
  if (!showDetail || !view.detail) return label;
  return (
    <span className="flex flex-col gap-1">
      {label}
      <span className="text-xs text-ink-500" data-testid="jira-ticket-detail">
        {view.detail}
      </span>
    </span>
  );
}
