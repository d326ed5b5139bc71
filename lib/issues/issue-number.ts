// Issue numbers come from one gapless counter per project, taken in the creating statement: the
// counter row stays locked until that transaction ends, so numbers follow commit order with no gaps.
// Ingestion (link-or-create-issue.ts) and hand-made issues (create-issue.ts) both number through here.

/** A CTE `counter(issue_counter, key)` for the project whose id is the SQL expression `projectId`. */
export const NEXT_ISSUE_NUMBER_CTE = (projectId: string) =>
  `counter AS (UPDATE project SET issue_counter = issue_counter + 1 WHERE id = ${projectId} RETURNING issue_counter, key)`;
