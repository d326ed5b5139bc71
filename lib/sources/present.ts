// Pieces every source's answers share: the internal issue, and its Jira ticket once it has a key.
import type { LinkedIssueRef } from "./types";

export const issueField = (issue: LinkedIssueRef) => ({ id: issue.id, identifier: issue.identifier });

/** `{ jira: { key, url } }` when the issue's ticket is known, else nothing: spread it into an answer. */
export const ticketField = (issue: LinkedIssueRef) => (issue.ticket ? { jira: issue.ticket } : {});
