"use client";
import { ArrowDownUp, Check, ChevronRight, ListFilter, X } from "lucide-react";
import { useRouter } from "next/navigation";
// Filters and sort of the list, kept in the URL (issueQueryHref is the one serializer): a Filter menu
// with a submenu per field, the active filters as removable chips, and a Sort menu.
import { DropdownMenu } from "radix-ui";
import { useTriage } from "@/components/triage/triage-context";
import { RadioMenu } from "@/components/ui/radio-menu";
import { menuContentClass, menuItemClass } from "@/components/ui/styles";
import {
  effectiveSort,
  ISSUE_SOURCES,
  type IssueQuery,
  type IssueQueryChange,
  issueQueryHref,
  JIRA_FILTERS,
} from "@/lib/issues/issue-query";
import { PRIORITY_LABEL, PRIORITY_ORDER, STATUS_LABEL, STATUS_ORDER, sourceName } from "@/lib/issues/vocabulary";
import { PriorityIcon } from "../priority-icon";
import { StatusIcon } from "../status-icon";

const contentClass = menuContentClass;
const itemClass = menuItemClass;
const buttonClass =
  "inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-xs text-ink-700 hover:bg-ink-100 focus-visible:outline-2 focus-visible:outline-focus-ring data-[state=open]:bg-ink-100";

const JIRA_LABEL: Record<(typeof JIRA_FILTERS)[number], string> = {
  has: "Has a ticket",
  pending: "Ticket pending",
  none: "No ticket",
};
const SORT_LABEL = {
  relevance: "Relevance",
  newest: "Newest",
  updated: "Recently updated",
  priority: "Priority",
  last_seen: "Last seen",
  events: "Events",
} as const;
const DATE_PRESETS: [string, number][] = [
  ["Last 24 hours", 1],
  ["Last 7 days", 7],
  ["Last 30 days", 30],
  ["Last 90 days", 90],
];

type ListKey = "status" | "priority" | "project" | "label" | "source" | "assignee";

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((candidate) => candidate !== value) : [...values, value];
}

export function FilterBar({ query }: { query: IssueQuery }) {
  const router = useRouter();
  const { me, options } = useTriage();
  const go = (change: IssueQueryChange) => router.push(issueQueryHref(query, change), { scroll: false });

  const lists: { key: ListKey; title: string; values: { value: string; label: string; icon?: React.ReactNode }[] }[] = [
    {
      key: "status",
      title: "Status",
      values: STATUS_ORDER.map((status) => ({
        value: status,
        label: STATUS_LABEL[status],
        icon: <StatusIcon status={status} decorative />,
      })),
    },
    {
      key: "priority",
      title: "Priority",
      values: PRIORITY_ORDER.map((priority) => ({
        value: priority,
        label: PRIORITY_LABEL[priority],
        icon: <PriorityIcon priority={priority} decorative />,
      })),
    },
    {
      key: "assignee",
      title: "Assignee",
      values: [
        { value: "me", label: "Me" },
        { value: "none", label: "Unassigned" },
        ...options.users
          .filter((user) => user.id !== me.id)
          .map((user) => ({ value: user.id, label: user.name ?? user.email })),
      ],
    },
    {
      key: "label",
      title: "Label",
      values: options.labels.map((label) => ({
        value: label.name,
        label: label.name,
        icon: <span className="size-2.5 rounded-full" style={{ backgroundColor: label.color }} aria-hidden />,
      })),
    },
    {
      key: "project",
      title: "Project",
      values: options.projects.map((project) => ({ value: project.key, label: `${project.name} (${project.key})` })),
    },
    {
      key: "source",
      title: "Source",
      values: ISSUE_SOURCES.map((source) => ({
        value: source,
        label: source === "manual" ? "Created by hand" : sourceName(source),
      })),
    },
  ];

  const chips: { key: string; text: string; clear: IssueQueryChange }[] = [];
  for (const list of lists) {
    const values = query[list.key] as string[];
    if (values.length === 0) continue;
    const names = values.map((value) => list.values.find((candidate) => candidate.value === value)?.label ?? value);
    chips.push({ key: list.key, text: `${list.title}: ${names.join(", ")}`, clear: { [list.key]: [] } });
  }
  if (query.jira) chips.push({ key: "jira", text: `Jira: ${JIRA_LABEL[query.jira]}`, clear: { jira: undefined } });
  for (const [field, title] of [
    ["created", "Created"],
    ["updated", "Updated"],
  ] as const) {
    const after = query[`${field}After`];
    const before = query[`${field}Before`];
    if (after || before) {
      chips.push({
        key: field,
        text: `${title}: ${after ? `from ${after}` : ""}${after && before ? " " : ""}${before ? `before ${before}` : ""}`,
        clear: { [`${field}After`]: undefined, [`${field}Before`]: undefined },
      });
    }
  }
  const sort = effectiveSort(query);
  const sorts = (query.q ? ["relevance"] : []).concat([
    "newest",
    "updated",
    "priority",
    "last_seen",
    "events",
  ]) as (keyof typeof SORT_LABEL)[];

  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger className={buttonClass}>
          <ListFilter className="size-3.5 text-ink-500" aria-hidden /> Filter
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className={contentClass} align="start" sideOffset={4}>
            {lists.map((list) => (
              <DropdownMenu.Sub key={list.key}>
                <DropdownMenu.SubTrigger className={itemClass}>
                  <span className="flex-1">{list.title}</span>
                  <ChevronRight className="size-3.5 text-ink-500" aria-hidden />
                </DropdownMenu.SubTrigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.SubContent className={`${contentClass} max-h-80 overflow-y-auto`} sideOffset={2}>
                    {list.values.length === 0 && <p className="px-2 py-1.5 text-xs text-ink-500">None yet</p>}
                    {list.values.map((option) => (
                      <DropdownMenu.CheckboxItem
                        key={option.value}
                        className={itemClass}
                        checked={(query[list.key] as string[]).includes(option.value)}
                        onCheckedChange={() => go({ [list.key]: toggled(query[list.key] as string[], option.value) })}
                      >
                        {option.icon}
                        <span className="flex-1 truncate">{option.label}</span>
                        <DropdownMenu.ItemIndicator>
                          <Check className="size-3.5" aria-hidden />
                        </DropdownMenu.ItemIndicator>
                      </DropdownMenu.CheckboxItem>
                    ))}
                  </DropdownMenu.SubContent>
                </DropdownMenu.Portal>
              </DropdownMenu.Sub>
            ))}
            <DropdownMenu.Sub>
              <DropdownMenu.SubTrigger className={itemClass}>
                <span className="flex-1">Jira ticket</span>
                <ChevronRight className="size-3.5 text-ink-500" aria-hidden />
              </DropdownMenu.SubTrigger>
              <DropdownMenu.Portal>
                <DropdownMenu.SubContent className={contentClass} sideOffset={2}>
                  <DropdownMenu.RadioGroup
                    value={query.jira ?? ""}
                    onValueChange={(value) => go({ jira: (value || undefined) as IssueQuery["jira"] })}
                  >
                    {(["", ...JIRA_FILTERS] as const).map((value) => (
                      <DropdownMenu.RadioItem key={value} value={value} className={itemClass}>
                        <span className="flex-1">{value ? JIRA_LABEL[value] : "Any"}</span>
                        <DropdownMenu.ItemIndicator>
                          <Check className="size-3.5" aria-hidden />
                        </DropdownMenu.ItemIndicator>
                      </DropdownMenu.RadioItem>
                    ))}
                  </DropdownMenu.RadioGroup>
                </DropdownMenu.SubContent>
              </DropdownMenu.Portal>
            </DropdownMenu.Sub>
            {(["created", "updated"] as const).map((field) => (
              <DropdownMenu.Sub key={field}>
                <DropdownMenu.SubTrigger className={itemClass}>
                  <span className="flex-1">{field === "created" ? "Created" : "Updated"}</span>
                  <ChevronRight className="size-3.5 text-ink-500" aria-hidden />
                </DropdownMenu.SubTrigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.SubContent className={contentClass} sideOffset={2}>
                    {DATE_PRESETS.map(([label, days]) => (
                      <DropdownMenu.Item
                        key={days}
                        className={itemClass}
                        onSelect={() => go({ [`${field}After`]: daysAgo(days), [`${field}Before`]: undefined })}
                      >
                        {label}
                      </DropdownMenu.Item>
                    ))}
                    <DropdownMenu.Separator className="my-1 h-px bg-ink-100" />
                    <DateRange field={field} query={query} go={go} />
                  </DropdownMenu.SubContent>
                </DropdownMenu.Portal>
              </DropdownMenu.Sub>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {chips.map((chip) => (
        <span
          key={chip.key}
          className="inline-flex h-7 max-w-80 items-center gap-1 rounded-md border border-ink-200 bg-ink-50 pl-2 pr-0.5 text-xs text-ink-700"
          data-testid="filter-chip"
        >
          <span className="truncate">{chip.text}</span>
          <button
            type="button"
            onClick={() => go(chip.clear)}
            aria-label={`Remove filter ${chip.text}`}
            className="rounded p-1 text-ink-500 hover:bg-ink-200 hover:text-ink-800"
          >
            <X className="size-3" aria-hidden />
          </button>
        </span>
      ))}
      <RadioMenu
        value={sort}
        options={sorts.map((value) => ({ value, label: SORT_LABEL[value] }))}
        onValueChange={(value) => go({ sort: value === "relevance" ? undefined : value })}
        trigger={
          <button type="button" className={`${buttonClass} ml-auto`} aria-label={`Sort: ${SORT_LABEL[sort]}`}>
            <ArrowDownUp className="size-3.5 text-ink-500" aria-hidden /> {SORT_LABEL[sort]}
          </button>
        }
      />
    </div>
  );
}

/** A custom range: two date fields inside the menu (keys typed there stay in the field). */
function DateRange({
  field,
  query,
  go,
}: {
  field: "created" | "updated";
  query: IssueQuery;
  go: (change: IssueQueryChange) => void;
}) {
  const after = `${field}After` as const;
  const before = `${field}Before` as const;
  return (
    <form
      className="flex flex-col gap-1.5 px-2 py-1.5"
      onKeyDown={(event) => event.stopPropagation()}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        go({
          [after]: String(data.get("from") || "") || undefined,
          [before]: String(data.get("to") || "") || undefined,
        });
      }}
    >
      <label className="flex items-center justify-between gap-2 text-xs text-ink-600">
        From{" "}
        <input
          name="from"
          type="date"
          defaultValue={query[after]}
          className="rounded border border-ink-200 px-1 py-0.5 text-xs"
        />
      </label>
      <label className="flex items-center justify-between gap-2 text-xs text-ink-600">
        Before{" "}
        <input
          name="to"
          type="date"
          defaultValue={query[before]}
          className="rounded border border-ink-200 px-1 py-0.5 text-xs"
        />
      </label>
      <button type="submit" className="self-end rounded bg-ink-900 px-2 py-0.5 text-xs text-surface">
        Apply
      </button>
    </form>
  );
}
