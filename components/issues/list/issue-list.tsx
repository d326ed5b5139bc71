"use client";
// The issue list as a triage surface: j/k move, Enter opens, x / checkbox / shift-click select, s p a l
// (or the row menu, or right-click) change the focused row or the selection, with optimistic updates
// that the server's answer settles. Bulk changes go through the bulk bar.
import clsx from "clsx";
import { MoreHorizontal } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useOptimistic, useRef, useState } from "react";
import { Avatar } from "@/components/shell/avatar";
import { useShortcuts } from "@/components/triage/keyboard";
import { useTriage } from "@/components/triage/triage-context";
import type { Segment } from "@/lib/issues/highlight";
import type { IssuePatchInput } from "@/lib/issues/issue-fields";
import type { CappedCount } from "@/lib/issues/issue-list-sql";
import type { IssueListRow } from "@/lib/issues/list-issues";
import { sourceName } from "@/lib/issues/vocabulary";
import { formatAge } from "@/lib/text/format-age";
import { formatDateTime } from "@/lib/text/format-date-time";
import { JiraTicket } from "../jira-ticket";
import { LabelChip } from "../label-chip";
import { PriorityIcon } from "../priority-icon";
import { StatusIcon } from "../status-icon";
import { BulkBar } from "./bulk-bar";
import { patchRow, toTriageIssue } from "./patch-row";
import { ContextMenu, DropdownMenu, RowMenuItems } from "./row-menu";

// Search highlights arrive as text segments, rendered as text nodes: a title cannot inject markup.
function Segments({ segments }: { segments: Segment[] }) {
  // biome-ignore-start lint/suspicious/noArrayIndexKey: the segments of one title never reorder.
  return segments.map((segment, index) =>
    segment.match ? (
      <mark key={index} className="rounded-sm bg-amber-100 text-inherit dark:bg-amber-400/25">
        {segment.text}
      </mark>
    ) : (
      <span key={index}>{segment.text}</span>
    ),
  );
  // biome-ignore-end lint/suspicious/noArrayIndexKey: end of the segments
}

interface RowChange {
  ids: ReadonlySet<string>;
  patch: IssuePatchInput;
}

export function IssueList({
  issues,
  total,
  queryKey,
  now,
}: {
  issues: IssueListRow[];
  total: CappedCount;
  queryKey: string;
  now: Date;
}) {
  const router = useRouter();
  const { options, setTarget } = useTriage();
  const [rows, showChange] = useOptimistic<IssueListRow[], RowChange>(issues, (current, change) =>
    current.map((row) => (change.ids.has(row.id) ? patchRow(row, change.patch, options) : row)),
  );
  const [focused, setFocused] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState<string[] | null>(null);
  const anchor = useRef<number | null>(null);
  const list = useRef<HTMLUListElement>(null);

  // A new query (filter, sort, search, page) is a new list: nothing selected or focused carries over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey is the trigger, not read.
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(null);
    setFocused(null);
  }, [queryKey]);

  const focusedRow = focused === null ? undefined : rows[focused];
  const targetRows = useMemo(() => {
    if (selected.size > 0) return rows.filter((row) => selected.has(row.id));
    return focusedRow ? [focusedRow] : [];
  }, [rows, selected, focusedRow]);

  useEffect(() => {
    if (targetRows.length === 0) return setTarget(null);
    const ids = new Set(targetRows.map((row) => row.id));
    setTarget({
      issues: targetRows.map(toTriageIssue),
      ids: allMatching ?? undefined,
      menus: "dialog",
      onOptimistic: (patch) => showChange({ ids, patch }),
    });
  }, [targetRows, allMatching, setTarget, showChange]);
  useEffect(() => () => setTarget(null), [setTarget]);

  const moveFocus = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(rows.length - 1, index));
      setFocused(next);
      list.current
        ?.querySelectorAll<HTMLElement>("[data-testid=issue-row]")
        [next]?.scrollIntoView({ block: "nearest" });
    },
    [rows.length],
  );

  const toggle = (index: number, range: boolean) => {
    const row = rows[index];
    if (!row) return;
    setAllMatching(null);
    // Read now: the updater below may run after the anchor moves to this row.
    const from = anchor.current;
    setSelected((current) => {
      const next = new Set(current);
      if (range && from !== null) {
        const [start, end] = [Math.min(from, index), Math.max(from, index)];
        for (const candidate of rows.slice(start, end + 1)) next.add(candidate.id);
      } else if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });
    anchor.current = index;
  };

  useShortcuts(["j", "k", "ArrowDown", "ArrowUp", "Enter", "x", "Escape"], (key, event) => {
    if (key === "j" || key === "ArrowDown") moveFocus(focused === null ? 0 : focused + 1);
    else if (key === "k" || key === "ArrowUp") moveFocus(focused === null ? 0 : focused - 1);
    else if (key === "Enter" && focusedRow) router.push(`/issues/${focusedRow.identifier}`);
    else if (key === "x" && focused !== null) toggle(focused, event.shiftKey);
    else if (key === "Escape") {
      setSelected(new Set());
      setAllMatching(null);
    }
  });

  const clear = () => {
    setSelected(new Set());
    setAllMatching(null);
  };

  return (
    <>
      <ul ref={list} aria-label="Issues" className="pb-16">
        {rows.map((row, index) => {
          const isSelected = selected.has(row.id);
          const rowTarget =
            isSelected && targetRows.length > 1
              ? {
                  issues: targetRows.map(toTriageIssue),
                  ids: allMatching ?? undefined,
                  onOptimistic: (patch: IssuePatchInput) =>
                    showChange({ ids: new Set(targetRows.map((r) => r.id)), patch }),
                }
              : {
                  issues: [toTriageIssue(row)],
                  onOptimistic: (patch: IssuePatchInput) => showChange({ ids: new Set([row.id]), patch }),
                };
          const open = () => router.push(`/issues/${row.identifier}`);
          return (
            <ContextMenu.Root key={row.id} modal={false} onOpenChange={(isOpen) => isOpen && setFocused(index)}>
              <ContextMenu.Trigger asChild>
                <li
                  data-testid="issue-row"
                  data-focused={focused === index || undefined}
                  data-selected={isSelected || undefined}
                  onMouseMove={() => focused !== index && setFocused(index)}
                  className={clsx(
                    "group relative flex h-10 items-center gap-3 border-b border-ink-100 pl-3 pr-4 text-[13px]",
                    isSelected
                      ? "bg-indigo-50/70 dark:bg-indigo-400/10"
                      : focused === index
                        ? "bg-ink-50"
                        : "hover:bg-ink-50",
                    focused === index && "shadow-[inset_2px_0_0_var(--color-indigo-500)]",
                  )}
                >
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.identifier}`}
                    checked={isSelected}
                    onChange={() => undefined}
                    onClick={(event) => toggle(index, event.shiftKey)}
                    className={clsx(
                      "relative z-10 size-3.5 shrink-0 accent-indigo-600",
                      !isSelected && selected.size === 0 && "opacity-0 focus:opacity-100 group-hover:opacity-100",
                    )}
                  />
                  <PriorityIcon priority={row.priority} />
                  <span className="w-20 shrink-0 truncate text-xs tabular-nums text-ink-600">{row.identifier}</span>
                  <StatusIcon status={row.status} />
                  <Link
                    href={`/issues/${row.identifier}`}
                    className="min-w-0 flex-1 truncate font-medium text-ink-900 after:absolute after:inset-0 focus-visible:outline-none"
                    onFocus={() => setFocused(index)}
                  >
                    {row.highlight.title ? <Segments segments={row.highlight.title} /> : row.title}
                  </Link>
                  {row.highlight.snippet && (
                    <span
                      className="hidden min-w-0 max-w-[40%] shrink truncate text-xs text-ink-500 md:block"
                      data-testid="issue-snippet"
                    >
                      <Segments segments={row.highlight.snippet} />
                    </span>
                  )}
                  <span className="hidden shrink-0 items-center gap-1 md:flex">
                    {row.labels.map((label) => (
                      <LabelChip key={label.id} name={label.name} color={label.color} />
                    ))}
                  </span>
                  {row.eventCount > 1 && (
                    <span
                      className="hidden w-12 shrink-0 text-right text-xs tabular-nums text-ink-600 sm:block"
                      title={`${row.eventCount} events`}
                    >
                      {row.eventCount.toLocaleString("en")}×
                    </span>
                  )}
                  <span className="hidden w-16 shrink-0 truncate text-right text-xs text-ink-600 sm:block">
                    {row.source === "manual" ? "" : sourceName(row.source)}
                  </span>
                  <span
                    className="hidden w-36 shrink-0 truncate text-right text-xs lg:block"
                    data-testid="issue-ticket"
                  >
                    <JiraTicket ticket={row.jiraTicket} />
                  </span>
                  <span
                    className="w-5 shrink-0"
                    title={row.assignee ? `Assigned to ${row.assignee.name ?? row.assignee.email}` : "Unassigned"}
                    data-testid="issue-row-assignee"
                  >
                    {row.assignee ? (
                      <Avatar name={row.assignee.name ?? row.assignee.email} size="xs" />
                    ) : (
                      <span className="block size-5 rounded-full border border-dashed border-ink-300" aria-hidden />
                    )}
                    <span className="sr-only">
                      {row.assignee ? (row.assignee.name ?? row.assignee.email) : "Unassigned"}
                    </span>
                  </span>
                  <time
                    dateTime={row.createdAt.toISOString()}
                    title={formatDateTime(row.createdAt)}
                    className="w-9 shrink-0 text-right text-xs tabular-nums text-ink-600"
                  >
                    {formatAge(row.createdAt, now)}
                  </time>
                  <DropdownMenu.Root modal={false} onOpenChange={(isOpen) => isOpen && setFocused(index)}>
                    <DropdownMenu.Trigger asChild>
                      <button
                        type="button"
                        aria-label={`Actions for ${row.identifier}`}
                        className="relative z-10 -mr-1 rounded p-0.5 text-ink-500 opacity-0 hover:bg-ink-200/70 hover:text-ink-800 focus:opacity-100 group-hover:opacity-100 data-[state=open]:opacity-100"
                      >
                        <MoreHorizontal className="size-4" aria-hidden />
                      </button>
                    </DropdownMenu.Trigger>
                    <RowMenuItems kind="dropdown" target={rowTarget} onOpen={open} />
                  </DropdownMenu.Root>
                </li>
              </ContextMenu.Trigger>
              <RowMenuItems kind="context" target={rowTarget} onOpen={open} />
            </ContextMenu.Root>
          );
        })}
      </ul>
      {selected.size > 0 && (
        <BulkBar
          selected={selected.size}
          shown={rows.length}
          total={total}
          allMatching={allMatching}
          onSelectAllMatching={setAllMatching}
          onClear={clear}
        />
      )}
    </>
  );
}
