"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addComment } from "@/lib/issues/add-comment";
import {
  getOlderActivities,
  getOlderComments,
  type OlderPageInput,
  type TimelineActivity,
  type TimelineComment,
  type TimelinePage,
} from "@/lib/issues/issue-timeline";
import { retryFailedJob } from "@/lib/jobs/retry-failed-job";
import { type ActionResult, attempt } from "../action-result";

export interface CommentFormState {
  error?: string;
  /** The text to put back in the box when the comment was not saved. */
  body?: string;
  savedAt?: number;
}

export async function addCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const user = await requireUser();
  // Called by hand with something else than the form (the form always sends FormData).
  if (!(formData instanceof FormData)) return { error: "Send the comment form's fields (identifier, body)." };
  const identifier = String(formData.get("identifier") ?? "");
  const body = formData.get("body");
  try {
    await addComment(getDb(), {
      issueIdentifier: identifier,
      authorId: user.id,
      body: typeof body === "string" ? body : "",
    });
  } catch (error) {
    if (error instanceof AppError) return { error: error.publicMessage, body: typeof body === "string" ? body : "" };
    throw error;
  }
  revalidatePath(`/issues/${identifier}`);
  return { savedAt: Date.now() };
}

export async function retryJobAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  if (!(formData instanceof FormData)) return;
  const identifier = String(formData.get("identifier") ?? "");
  try {
    await retryFailedJob(getDb(), { activityId: String(formData.get("activityId") ?? ""), userId: user.id });
  } catch (error) {
    // Nothing to retry (already retried, or not a failure): the refreshed page shows the current state.
    if (!(error instanceof AppError)) throw error;
  }
  revalidatePath(`/issues/${identifier}`);
}

export async function loadOlderCommentsAction(
  input: OlderPageInput,
): Promise<ActionResult<TimelinePage<TimelineComment>>> {
  await requireUser();
  return attempt(() => getOlderComments(getDb(), input));
}

export async function loadOlderActivitiesAction(
  input: OlderPageInput,
): Promise<ActionResult<TimelinePage<TimelineActivity>>> {
  await requireUser();
  return attempt(() => getOlderActivities(getDb(), input));
}
