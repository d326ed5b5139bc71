// Adds a user's comment to an issue and records it in the activity log, atomically.
import { z } from "zod";
import type { Db } from "../db";
import { AppError, isForeignKeyViolation } from "../errors";
import { storableText } from "../text/storable";
import { recordIssueEvent } from "./issue-events";

const addCommentSchema = z.object({
  issueIdentifier: z.string().transform(storableText).pipe(z.string().trim().min(1).max(40)),
  authorId: z.uuid(),
  body: z
    .string()
    .transform((body) => storableText(body).trim())
    .pipe(z.string().min(1, "Write something first").max(10_000, "Comments are limited to 10,000 characters")),
});

export type AddCommentInput = z.input<typeof addCommentSchema>;

export async function addComment(db: Db, input: AddCommentInput): Promise<{ id: string }> {
  const parsed = addCommentSchema.safeParse(input);
  // The message is shown under the form, so it names the problem rather than the field path.
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid comment");
  const { issueIdentifier, authorId, body } = parsed.data;
  try {
    return await insertComment(db, issueIdentifier, authorId, body);
  } catch (error) {
    // The author was deleted after their session was checked: the same answer as a signed-out user's.
    if (isForeignKeyViolation(error))
      throw new AppError("unauthorized", "Your account no longer exists: sign in again", { cause: error });
    throw error;
  }
}

function insertComment(db: Db, issueIdentifier: string, authorId: string, body: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const issue = await tx.issue.findUnique({ where: { identifier: issueIdentifier }, select: { id: true } });
    if (!issue) throw new AppError("not_found", "This issue no longer exists");
    const issueId = issue.id;
    const comment = await tx.comment.create({ data: { issueId, authorId, body }, select: { id: true } });
    await tx.activity.create({
      data: { issueId, actorId: authorId, action: "commented", data: { commentId: comment.id } },
    });
    await recordIssueEvent(tx, issueId, "commented", authorId, { commentId: comment.id });
    return comment;
  });
}
