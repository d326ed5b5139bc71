import { CircleDot, CirclePlus, Link2, type LucideIcon, MessageSquare, SignalHigh, UserRound } from "lucide-react";
import type { IssueDetail } from "@/lib/issues/get-issue";
import { describeActivity } from "@/lib/issues/describe-activity";
import { personName } from "./person-name";
import { TimeAgo } from "./time-ago";

const ICONS: Record<string, LucideIcon> = {
  created: CirclePlus,
  commented: MessageSquare,
  status_changed: CircleDot,
  priority_changed: SignalHigh,
  assignee_changed: UserRound,
  external_linked: Link2,
};

export function ActivityList({ activities, now }: { activities: IssueDetail["activities"]; now: Date }) {
  if (activities.length === 0) return <p className="text-[13px] text-zinc-400">No activity yet.</p>;
  return (
    <ol className="space-y-2.5">
      {activities.map((activity) => {
        const Icon = ICONS[activity.action] ?? CircleDot;
        return (
          <li key={activity.id} data-testid="activity" className="flex items-start gap-2.5 text-xs leading-5 text-zinc-500">
            <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">
              <Icon className="size-3" aria-hidden />
            </span>
            <p className="min-w-0">
              <span className="font-medium text-zinc-800">{personName(activity.actor, activity.actorName)}</span>{" "}
              {describeActivity(activity)}
              <span className="mx-1.5 text-zinc-300" aria-hidden>·</span>
              <TimeAgo date={activity.createdAt} now={now} />
            </p>
          </li>
        );
      })}
    </ol>
  );
}
