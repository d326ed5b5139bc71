"use client";
import { loadOlderCommentsAction } from "@/app/(app)/issues/[identifier]/actions";
import type { TimelineComment, TimelinePage } from "@/lib/issues/issue-timeline";
import { CommentList } from "./comment-list";
import { LoadOlderButton } from "./load-older-button";
import { useOlderPages } from "./use-older-pages";

export function CommentTimeline({
  issueId,
  newest,
  now,
}: {
  issueId: string;
  newest: TimelinePage<TimelineComment>;
  now: Date;
}) {
  const { items, hasOlder, loadMore, pending, listRef } = useOlderPages(issueId, newest, loadOlderCommentsAction);
  return (
    <div>
      {hasOlder && <LoadOlderButton onClick={loadMore} pending={pending} what="comments" />}
      <div ref={listRef} tabIndex={-1} className="[overflow-anchor:none] focus:outline-none">
        <CommentList comments={items} now={now} />
      </div>
    </div>
  );
}
