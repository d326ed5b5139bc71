"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { getDb } from "@/lib/db";
import {
  BULK_MAX,
  type BulkProgress,
  type BulkResult,
  bulkUpdateIssues,
  getBulkProgress,
} from "@/lib/issues/bulk-update";
import { createIssue } from "@/lib/issues/create-issue";
import type { CreateIssueInput, IssuePatchInput } from "@/lib/issues/issue-fields";
import { parseIssueQuery } from "@/lib/issues/issue-query";
import { listIssues } from "@/lib/issues/list-issues";
import { createLabel } from "@/lib/issues/pick-options";
import { resolveIssueIds } from "@/lib/issues/resolve-issue-ids";
import { type EditableIssue, updateIssue } from "@/lib/issues/update-issue";
// Server actions for triage: thin wrappers that authenticate, call lib/issues and shape the answer.
// Expected refusals come back as { ok: false, error } for the UI to show and roll back; anything else throws.
import { textArgument } from "@/lib/validation";
import { type ActionResult, attempt } from "./action-result";

function refreshIssues(identifier?: string) {
  revalidatePath("/issues");
  if (identifier) revalidatePath(`/issues/${identifier}`);
}

export async function updateIssueAction(
  identifier: string,
  patch: IssuePatchInput,
): Promise<ActionResult<EditableIssue>> {
  const user = await requireUser();
  const result = await attempt(() => updateIssue(getDb(), String(identifier), patch, { userId: user.id }));
  if (result.ok) refreshIssues(result.value.identifier);
  return result;
}

export async function createIssueAction(
  input: CreateIssueInput,
): Promise<ActionResult<{ identifier: string; jiraQueued: boolean }>> {
  const user = await requireUser();
  const result = await attempt(() => createIssue(getDb(), input, { userId: user.id }));
  if (result.ok) refreshIssues();
  return result.ok
    ? { ok: true, value: { identifier: result.value.identifier, jiraQueued: result.value.jiraQueued } }
    : result;
}

export async function createLabelAction(input: {
  name: string;
  color: string;
}): Promise<ActionResult<{ id: string; name: string; color: string }>> {
  await requireUser();
  return attempt(() => createLabel(getDb(), input));
}

export async function bulkUpdateAction(issueIds: string[], patch: IssuePatchInput): Promise<ActionResult<BulkResult>> {
  const user = await requireUser();
  const result = await attempt(() => bulkUpdateIssues(getDb(), { issueIds, patch }, { userId: user.id }));
  if (result.ok) refreshIssues();
  return result;
}

export async function bulkProgressAction(operationId: string): Promise<ActionResult<BulkProgress>> {
  const user = await requireUser();
  const result = await attempt(() => getBulkProgress(getDb(), String(operationId), user.id));
  if (result.ok && result.value.state === "done") refreshIssues();
  return result;
}

/** Issues for the palette's "jump to": the list's own search (identifiers, ids, words), best first. */
export async function searchIssuesAction(query: string): Promise<{ id: string; identifier: string; title: string }[]> {
  const user = await requireUser();
  const { issues } = await listIssues(getDb(), parseIssueQuery({ q: textArgument(query) }), {
    userId: user.id,
    pageSize: 8,
  });
  return issues.map(({ id, identifier, title }) => ({ id, identifier, title }));
}

/** Every issue the list's current filters match (for "select all N matching"), up to the bulk limit. */
export async function resolveMatchingAction(
  searchParams: Record<string, string>,
): Promise<ActionResult<{ ids: string[]; truncated: boolean }>> {
  const user = await requireUser();
  // The list's own search params: anything else (a hostile caller's array, string, null) is no filter.
  const query = parseIssueQuery(
    typeof searchParams === "object" && searchParams !== null && !Array.isArray(searchParams) ? searchParams : {},
  );
  const ids = await resolveIssueIds(
    getDb(),
    { ...query, after: undefined, before: undefined },
    { userId: user.id, limit: BULK_MAX + 1 },
  );
  return { ok: true, value: { ids: ids.slice(0, BULK_MAX), truncated: ids.length > BULK_MAX } };
}
