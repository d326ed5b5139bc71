import clsx from "clsx";
import Link from "next/link";
import { type IssueQuery, issueQueryHref } from "@/lib/issues/issue-query";
import { PRIORITY_LABEL, PRIORITY_ORDER, STATUS_LABEL, STATUS_ORDER } from "@/lib/issues/vocabulary";
import { PriorityIcon } from "./priority-icon";
import { StatusIcon } from "./status-icon";

function Pill({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "true" : undefined}
      className={clsx(
        "inline-flex h-6 items-center gap-1.5 whitespace-nowrap rounded-md border px-2 text-xs",
        active ? "border-indigo-200 bg-indigo-50 font-medium text-indigo-700" : "border-transparent text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
      )}
    >
      {children}
    </Link>
  );
}

function Group({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1">
      <span className="mr-1 text-xs text-zinc-500">{label}</span>
      {children}
    </div>
  );
}

// Filters are plain links, so they work without JavaScript and every filtered view has a URL. A pill
// picks that one value; a URL may hold several (`?status=todo,in_progress`), and each shows as active.
export function IssueFilters({ query }: { query: IssueQuery }) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-zinc-200 px-6 py-2">
      <form action="/issues" role="search" className="flex items-center">
        {query.view !== "all" && <input type="hidden" name="view" value={query.view} />}
        {query.sort && <input type="hidden" name="sort" value={query.sort} />}
        <input
          type="search"
          name="q"
          defaultValue={query.q ?? ""}
          maxLength={200}
          aria-label="Search issues"
          placeholder="Search…"
          className="h-6 w-48 rounded-md border border-zinc-200 px-2 text-xs text-zinc-900 placeholder:text-zinc-400"
        />
      </form>
      <Group label="Status">
        <Pill href={issueQueryHref(query, { status: [] })} active={!query.status.length}>All</Pill>
        {STATUS_ORDER.map((status) => (
          <Pill key={status} href={issueQueryHref(query, { status: [status] })} active={query.status.includes(status)}>
            <StatusIcon status={status} decorative />
            {STATUS_LABEL[status]}
          </Pill>
        ))}
      </Group>
      <Group label="Priority">
        <Pill href={issueQueryHref(query, { priority: [] })} active={!query.priority.length}>Any</Pill>
        {PRIORITY_ORDER.map((priority) => (
          <Pill key={priority} href={issueQueryHref(query, { priority: [priority] })} active={query.priority.includes(priority)}>
            <PriorityIcon priority={priority} decorative />
            {PRIORITY_LABEL[priority]}
          </Pill>
        ))}
      </Group>
    </div>
  );
}
