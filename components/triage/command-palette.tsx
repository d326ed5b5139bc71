"use client";
// ⌘K: every triage action on the open or selected issues, creating an issue, every page and view, and
// a jump to any issue by identifier or words of its title.
import { Command } from "cmdk";
import { ArrowRight, Check, CircleUser, FileText, Keyboard, Plus, Shield, Tag, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { searchIssuesAction } from "@/app/(app)/issues/triage-actions";
import { PriorityIcon } from "@/components/issues/priority-icon";
import { StatusIcon } from "@/components/issues/status-icon";
import { THEME_LABEL, THEMES } from "@/components/theme/theme";
import { THEME_ICON } from "@/components/theme/theme-menu";
import { useTheme } from "@/components/theme/theme-provider";
import { overlayClass } from "@/components/ui/styles";
import type { TriageField } from "./field-menus";
import { useApplyPatch } from "./field-menus";
import { type TriageTarget, useTriage } from "./triage-context";

const itemClass =
  "flex cursor-default items-center gap-2.5 rounded px-2.5 py-2 text-[13px] text-ink-800 data-[selected=true]:bg-ink-100";
const groupClass =
  "[&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-ink-500";

const VIEWS = [
  ["All issues", "/issues"],
  ["My issues", "/issues?view=my"],
  ["Triage", "/issues?view=triage"],
  ["Active", "/issues?view=active"],
  ["Regressed", "/issues?view=regressed"],
] as const;

type Found = Awaited<ReturnType<typeof searchIssuesAction>>;

function Shortcut({ children }: { children: string }) {
  return <kbd className="ml-auto font-sans text-[11px] text-ink-500">{children}</kbd>;
}

export function CommandPalette({
  open,
  onOpenChange,
  target,
  openField,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  target: TriageTarget | null;
  openField: (field: TriageField) => void;
}) {
  const router = useRouter();
  const { me, openCreate, openShortcuts } = useTriage();
  const { theme, setTheme } = useTheme();
  const apply = useApplyPatch();
  const [search, setSearch] = useState("");
  const [found, setFound] = useState<Found>([]);

  useEffect(() => {
    if (!open) setSearch("");
  }, [open]);
  useEffect(() => {
    const query = search.trim();
    if (query.length === 0) return setFound([]);
    let current = true;
    const timer = setTimeout(() => {
      void searchIssuesAction(query)
        .catch(() => [])
        .then((results) => current && setFound(results));
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search]);

  const run = (action: () => void) => {
    onOpenChange(false);
    action();
  };
  const issues = target?.issues ?? [];
  const count = target?.ids?.length ?? issues.length;
  const [only] = issues;
  const subject = count === 1 && only ? only.identifier : `${count.toLocaleString("en")} issues`;

  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label="Command palette"
      shouldFilter
      overlayClassName={overlayClass}
      contentClassName="fixed left-1/2 top-[14vh] z-50 w-[34rem] max-w-[92vw] -translate-x-1/2 overflow-hidden rounded-xl border border-ink-200 bg-elevated shadow-2xl focus:outline-none"
    >
      <Command.Input
        value={search}
        onValueChange={setSearch}
        placeholder={issues.length > 0 ? `Type a command or search… (${subject})` : "Type a command or search…"}
        className="w-full border-b border-ink-200 bg-transparent px-4 py-3 text-sm text-ink-900 placeholder:text-ink-400 focus:outline-none"
      />
      <Command.List className="max-h-[60vh] overflow-y-auto p-1.5">
        <Command.Empty className="px-3 py-6 text-center text-[13px] text-ink-500">Nothing matches</Command.Empty>
        {issues.length > 0 && (
          <Command.Group heading={subject} className={groupClass}>
            <Command.Item
              className={itemClass}
              onSelect={() => run(() => openField("status"))}
              keywords={["status", "state", "close", "done"]}
            >
              <StatusIcon status={only?.status ?? "todo"} decorative /> Change status… <Shortcut>S</Shortcut>
            </Command.Item>
            <Command.Item
              className={itemClass}
              onSelect={() => run(() => openField("priority"))}
              keywords={["priority", "urgent"]}
            >
              <PriorityIcon priority={only?.priority ?? "P3"} decorative /> Change priority… <Shortcut>P</Shortcut>
            </Command.Item>
            <Command.Item
              className={itemClass}
              onSelect={() => run(() => openField("assignee"))}
              keywords={["assign", "owner"]}
            >
              <CircleUser className="size-3.5 text-ink-500" aria-hidden /> Assign to… <Shortcut>A</Shortcut>
            </Command.Item>
            <Command.Item
              className={itemClass}
              onSelect={() => run(() => target && apply(target, { assigneeId: me.id }))}
            >
              <CircleUser className="size-3.5 text-ink-500" aria-hidden /> Assign to me
            </Command.Item>
            <Command.Item
              className={itemClass}
              onSelect={() => run(() => target && apply(target, { assigneeId: null }))}
            >
              <UserMinus className="size-3.5 text-ink-500" aria-hidden /> Unassign
            </Command.Item>
            <Command.Item
              className={itemClass}
              onSelect={() => run(() => openField("labels"))}
              keywords={["label", "tag"]}
            >
              <Tag className="size-3.5 text-ink-500" aria-hidden /> Labels… <Shortcut>L</Shortcut>
            </Command.Item>
          </Command.Group>
        )}
        <Command.Group heading="Create" className={groupClass}>
          <Command.Item className={itemClass} onSelect={() => run(openCreate)} keywords={["new", "add", "create"]}>
            <Plus className="size-3.5 text-ink-500" aria-hidden /> New issue <Shortcut>C</Shortcut>
          </Command.Item>
        </Command.Group>
        <Command.Group heading="Go to" className={groupClass}>
          {VIEWS.map(([name, href]) => (
            <Command.Item
              key={href}
              className={itemClass}
              onSelect={() => run(() => router.push(href))}
              keywords={["view", "go"]}
            >
              <ArrowRight className="size-3.5 text-ink-500" aria-hidden /> {name}
            </Command.Item>
          ))}
          {me.role === "admin" && (
            <Command.Item
              className={itemClass}
              onSelect={() => run(() => router.push("/admin"))}
              keywords={["settings", "go"]}
            >
              <Shield className="size-3.5 text-ink-500" aria-hidden /> Admin
            </Command.Item>
          )}
          <Command.Item className={itemClass} onSelect={() => run(openShortcuts)} keywords={["help", "keys"]}>
            <Keyboard className="size-3.5 text-ink-500" aria-hidden /> Keyboard shortcuts <Shortcut>?</Shortcut>
          </Command.Item>
        </Command.Group>
        <Command.Group heading="Theme" className={groupClass}>
          {THEMES.map((option) => {
            const Icon = THEME_ICON[option];
            return (
              <Command.Item
                key={option}
                className={itemClass}
                onSelect={() => run(() => setTheme(option))}
                keywords={["theme", "appearance", "mode", "colour", "color"]}
              >
                <Icon className="size-3.5 text-ink-500" aria-hidden />{" "}
                {option === "system" ? "Use system theme" : `Switch to ${THEME_LABEL[option].toLowerCase()} theme`}
                {theme === option && <Check className="ml-auto size-3.5 text-ink-500" aria-label="current" />}
              </Command.Item>
            );
          })}
        </Command.Group>
        {found.length > 0 && (
          <Command.Group heading="Issues" className={groupClass}>
            {found.map((issue) => (
              // The search already matched these; the value carries the query so cmdk's filter keeps them.
              <Command.Item
                key={issue.id}
                value={`${issue.identifier} ${issue.title} ${search}`}
                className={itemClass}
                onSelect={() => run(() => router.push(`/issues/${issue.identifier}`))}
              >
                <FileText className="size-3.5 text-ink-500" aria-hidden />
                <span className="w-20 shrink-0 text-xs tabular-nums text-ink-500">{issue.identifier}</span>
                <span className="truncate">{issue.title}</span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
      </Command.List>
    </Command.Dialog>
  );
}
