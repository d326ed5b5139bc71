import {
  CircleAlert,
  CircleDot,
  CirclePlus,
  GitCommitHorizontal,
  Link2,
  type LucideIcon,
  MessageSquare,
  RotateCw,
  SignalHigh,
  UserRound,
} from "lucide-react";
import { describeActivity } from "@/lib/issues/describe-activity";
import type { TimelineActivity } from "@/lib/issues/issue-timeline";
import { personName } from "./person-name";
import { TimeAgo } from "./time-ago";

const ICONS: Record<string, LucideIcon> = {
  created: CirclePlus,
  commented: MessageSquare,
  status_changed: CircleDot,
  priority_changed: SignalHigh,
  assignee_changed: UserRound,
  external_linked: Link2,
  correlated: GitCommitHorizontal,
  job_failed: CircleAlert,
  job_retried: RotateCw,
};

export interface RetryProps {
  identifier: string;
  retryAction: (formData: FormData) => Promise<void>;
}

/** Failures not yet retried get a Retry button. */
function retriedFailureIds(activities: TimelineActivity[]): Set<string> {
  return new Set(
    activities
      .filter((activity) => activity.action === "job_retried")
      .map((activity) => String((activity.data as { failureId?: unknown } | null)?.failureId ?? "")),
  );
}

export function ActivityList({
  activities,
  now,
  retry,
}: {
  activities: TimelineActivity[];
  now: Date;
  retry?: RetryProps;
}) {
  if (activities.length === 0) return <p className="text-[13px] text-ink-500">No activity yet.</p>;
  const retried = retriedFailureIds(activities);
  return (
    <ol className="space-y-2.5">
      {activities.map((activity) => {
        const Icon = ICONS[activity.action] ?? CircleDot;
        return (
          <li
            key={activity.id}
            data-testid="activity"
            className="flex items-start gap-2.5 text-xs leading-5 text-ink-500"
          >
            <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-ink-100 text-ink-500">
              <Icon className="size-3" aria-hidden />
            </span>
            <p className="min-w-0">
              <span className="font-medium text-ink-800">{personName(activity.actor, activity.actorName)}</span>{" "}
              {describeActivity(activity)}
              <span className="mx-1.5 text-ink-300" aria-hidden>
                ·
              </span>
              <TimeAgo date={activity.createdAt} now={now} />
              {retry && activity.action === "job_failed" && !retried.has(activity.id) && (
                <form action={retry.retryAction} className="ml-2 inline">
                  <input type="hidden" name="identifier" value={retry.identifier} />
                  <input type="hidden" name="activityId" value={activity.id} />
                  <button
                    type="submit"
                    className="rounded border border-ink-200 px-1.5 py-px text-[11px] font-medium text-ink-700 hover:bg-ink-50"
                  >
                    Retry
                  </button>
                </form>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
