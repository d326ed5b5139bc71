// Jira labels may not contain spaces (400); the fingerprint label finds a ticket whose create answer was lost.

export function sanitizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, "-").slice(0, 255);
}

/** Space-free, unique per internal issue, stable across retries. */
export function ticketFingerprint(issueId: string): string {
  return `tracker-${issueId.replace(/-/g, "")}`;
}
