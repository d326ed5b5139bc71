"use client";
import { loadOlderActivitiesAction } from "@/app/(app)/issues/[identifier]/actions";
import type { TimelineActivity, TimelinePage } from "@/lib/issues/issue-timeline";
import { ActivityList, type RetryProps } from "./activity-list";
import { LoadOlderButton } from "./load-older-button";
import { useOlderPages } from "./use-older-pages";

export function ActivityTimeline({
  issueId,
  newest,
  now,
  retry,
}: {
  issueId: string;
  newest: TimelinePage<TimelineActivity>;
  now: Date;
  retry?: RetryProps;
}) {
  const { items, hasOlder, loadMore, pending, listRef } = useOlderPages(issueId, newest, loadOlderActivitiesAction);
  return (
    <div>
      {hasOlder && <LoadOlderButton onClick={loadMore} pending={pending} what="activity" />}
      <div ref={listRef} tabIndex={-1} className="[overflow-anchor:none] focus:outline-none">
        <ActivityList activities={items} now={now} retry={retry} />
      </div>
    </div>
  );
}
