// Renders sender timestamps ("...391000Z", "...+00:00") in one unambiguous, locale-free form.
export function parseTimestamp(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatTimestamp(value: string | null | undefined): string | undefined {
  const date = parseTimestamp(value);
  return date ? `${date.toISOString().slice(0, 19).replace("T", " ")} UTC` : undefined;
}
