// The ticket's description: the issue's markdown (error, impact, suspected cause) and a link back.

export function ticketDescription(issue: { identifier: string; description: string }, appUrl?: string): string {
  const back = appUrl
    ? `[${issue.identifier}](${appUrl.replace(/\/$/, "")}/issues/${issue.identifier})`
    : issue.identifier;
  return [issue.description.trim(), "---", `Tracked as ${back} in the error tracker.`].filter(Boolean).join("\n\n");
}
