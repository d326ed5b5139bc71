"use client";
import { useActionState } from "react";
import { addCommentAction, type CommentFormState } from "@/app/(app)/issues/[identifier]/actions";
import { Notice } from "@/components/ui/notice";
import { primaryButtonClass } from "@/components/ui/styles";

export function CommentForm({ identifier }: { identifier: string }) {
  const [state, action, pending] = useActionState<CommentFormState, FormData>(addCommentAction, {});
  return (
    <form
      action={action}
      className="rounded-lg border border-ink-200 bg-surface focus-within:border-indigo-400 focus-within:ring-2 focus-within:ring-indigo-500/15"
    >
      <input type="hidden" name="identifier" value={identifier} />
      <label htmlFor="comment-body" className="sr-only">
        Comment
      </label>
      <textarea
        id="comment-body"
        name="body"
        rows={3}
        required
        maxLength={10_000}
        defaultValue={state.body}
        placeholder="Leave a comment… Markdown is supported."
        className="block w-full resize-y rounded-t-lg bg-transparent px-4 py-3 text-[13px] text-ink-900 placeholder:text-ink-400 focus:outline-none"
      />
      <div className="flex items-center justify-between gap-3 px-3 pb-3">
        <div className="min-w-0 flex-1">{state.error && <Notice tone="error">{state.error}</Notice>}</div>
        <button type="submit" disabled={pending} className={`${primaryButtonClass} py-1.5 text-xs`}>
          {pending ? "Posting…" : "Comment"}
        </button>
      </div>
    </form>
  );
}
