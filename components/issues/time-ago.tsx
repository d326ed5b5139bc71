import { formatAge } from "@/lib/text/format-age";
import { formatDateTime } from "@/lib/text/format-date-time";

// "3m ago" with the exact UTC time on hover.
export function TimeAgo({ date, now, className }: { date: Date; now: Date; className?: string }) {
  const age = formatAge(date, now);
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className={className}>
      {age === "now" ? "just now" : `${age} ago`}
    </time>
  );
}
