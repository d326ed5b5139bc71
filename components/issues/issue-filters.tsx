import clsx from "clsx";
import Link from "next/link";
import type { IssueFilters as Filters } from "@/lib/issues/list-issues";
import { PRIORITY_LABEL, PRIORITY_ORDER, STATUS_LABEL, STATUS_ORDER } from "@/lib/issues/vocabulary";
import { filterHref } from "./filter-href";
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

// Filters are plain links, so they work without JavaScript and every filtered view has a URL.
export function IssueFilters({ filters }: { filters: Filters }) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-zinc-200 px-6 py-2">
      <Group label="Status">
        <Pill href={filterHref(filters, { status: undefined })} active={!filters.status}>All</Pill>
        {STATUS_ORDER.map((status) => (
          <Pill key={status} href={filterHref(filters, { status })} active={filters.status === status}>
            <StatusIcon status={status} decorative />
            {STATUS_LABEL[status]}
          </Pill>
        ))}
      </Group>
      <Group label="Priority">
        <Pill href={filterHref(filters, { priority: undefined })} active={!filters.priority}>Any</Pill>
        {PRIORITY_ORDER.map((priority) => (
          <Pill key={priority} href={filterHref(filters, { priority })} active={filters.priority === priority}>
            <PriorityIcon priority={priority} decorative />
            {PRIORITY_LABEL[priority]}
          </Pill>
        ))}
      </Group>
    </div>
  );
}
