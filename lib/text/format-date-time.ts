// Absolute date-time for the detail page, tables and tooltips, in UTC so the server-rendered text
// means the same thing to every reader.
const minutes = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const seconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function formatDateTime(date: Date, options: { seconds?: boolean } = {}): string {
  return `${(options.seconds ? seconds : minutes).format(date)} UTC`;
}
