// JQL built from our values: every value is a quoted, escaped string literal, so a label or key can
// never change the query's structure.

/** A JQL string literal: backslash and double quote escaped, line breaks as escapes. */
export function jqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

/** Bounded by project, oldest first so the original of accidental duplicates comes first. */
export function ticketsByLabelJql(projectKey: string, label: string): string {
  return `project = ${jqlString(projectKey)} AND labels = ${jqlString(label)} ORDER BY created ASC`;
}
