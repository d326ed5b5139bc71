import { Avatar } from "@/components/shell/avatar";
import type { TimelineComment } from "@/lib/issues/issue-timeline";
import { Markdown } from "./markdown";
import { personName } from "./person-name";
import { TimeAgo } from "./time-ago";

export function CommentList({ comments, now }: { comments: TimelineComment[]; now: Date }) {
  if (comments.length === 0) return <p className="text-[13px] text-ink-500">No comments yet.</p>;
  return (
    <ul className="space-y-3">
      {comments.map((comment) => {
        const name = personName(comment.author, comment.actorName);
        return (
          <li key={comment.id} data-testid="comment" className="rounded-lg border border-ink-200 bg-surface">
            <div className="flex items-center gap-2 px-4 pt-3 text-xs">
              <Avatar name={name} size="xs" />
              <span className="font-medium text-ink-900">{name}</span>
              <TimeAgo date={comment.createdAt} now={now} className="text-ink-500" />
            </div>
            <div className="px-4 pb-3 pl-11">
              <Markdown>{comment.body}</Markdown>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
