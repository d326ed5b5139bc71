// Renders sender timestamps ("...391000Z", "...+00:00") in one unambiguous, locale-free form.

// Years 1–9999: what ISO 8601 writes without a sign and what the database and its driver accept.
// `new Date("+275760-09-13")` is a valid JavaScript date that no timestamp column will store.
const EARLIEST_MS = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST_MS = Date.parse("9999-12-31T23:59:59.999Z");

/** A real date within years 1–9999. */
export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST_MS && time <= LATEST_MS;
}

/** The date the text names; undefined when it names none, or one outside years 1–9999. */
export function parseTimestamp(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return isStorableDate(date) ? date : undefined;
}

export function formatTimestamp(value: string | null | undefined): string | undefined {
  const date = parseTimestamp(value);
  return date ? `${date.toISOString().slice(0, 19).replace("T", " ")} UTC` : undefined;
}
