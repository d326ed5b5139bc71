import { Inbox } from "lucide-react";
import Link from "next/link";

export function EmptyState({ filtered }: { filtered: boolean }) {
  return (
    <div className="flex flex-col items-center px-6 py-24 text-center">
      <span className="flex size-10 items-center justify-center rounded-full bg-ink-100 text-ink-500">
        <Inbox className="size-5" aria-hidden />
      </span>
      <h2 className="mt-4 text-sm font-medium text-ink-900">
        {filtered ? "No issues match these filters" : "No issues yet"}
      </h2>
      <p className="mt-1 max-w-xs text-[13px] text-ink-500">
        {filtered
          ? "Try another status or priority."
          : "Issues appear here as soon as a connected source, such as Sentry, reports an error."}
      </p>
      {filtered && (
        <Link href="/issues" className="mt-4 text-[13px] font-medium text-link hover:text-link-hover">
          Clear filters
        </Link>
      )}
    </div>
  );
}
