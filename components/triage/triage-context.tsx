"use client";
// What every triage control needs and the app shell loads once: who is signed in and what the pickers
// offer (people, labels, projects); plus the shell's dialogs (create, palette) and the issues that the
// palette's actions apply to (the open issue, or the list's selection or focused row).
import { createContext, useContext } from "react";
import type { IssueStatus, Priority } from "@/lib/generated/prisma/enums";
import type { IssuePatchInput } from "@/lib/issues/issue-fields";
import type { PickOptions } from "@/lib/issues/pick-options";

export interface TriageIssue {
  id: string;
  identifier: string;
  title: string;
  status: IssueStatus;
  priority: Priority;
  assigneeId: string | null;
  labelIds: string[];
}

export interface TriageTarget {
  /** The issues shown (menus check what they share). */
  issues: TriageIssue[];
  /** Every issue to change when more than those shown ("select all N matching"). */
  ids?: string[];
  /** Shows a change at once; the server's answer (or a refusal) settles it. */
  onOptimistic?: (patch: IssuePatchInput) => void;
  /** "dialog": s/p/a/l open a centred menu over these issues (a list); the issue page has its own menus. */
  menus?: "dialog";
}

export interface TriageContextValue {
  me: { id: string; name: string | null; email: string; role: "admin" | "member" };
  options: PickOptions;
  addLabel: (label: PickOptions["labels"][number]) => void;
  openCreate: () => void;
  openPalette: () => void;
  openShortcuts: () => void;
  /** Opens a triage menu over the current target (the bulk bar's buttons). */
  openField: (field: "status" | "priority" | "assignee" | "labels") => void;
  /** Pages say what the palette's issue actions apply to; null when nothing is focused. */
  setTarget: (target: TriageTarget | null) => void;
}

export const TriageContext = createContext<TriageContextValue | null>(null);

export function useTriage(): TriageContextValue {
  const value = useContext(TriageContext);
  if (!value) throw new Error("useTriage outside TriageProvider");
  return value;
}
