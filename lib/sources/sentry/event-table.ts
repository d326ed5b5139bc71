// Which Sentry webhooks create an internal issue (the Sentry contract, docs/sentry-contract.md) and which act on one we already
// track (regressed/escalating reopen or comment, resolved resolves, assigned assigns). Anything not
// listed is answered 200 with the reason it was skipped.
export type SentryEventDecision =
  | { kind: "create"; lifecycle?: "regressed" | "escalating" }
  | { kind: "update"; lifecycle: "resolved" | "assigned" }
  | { kind: "skip"; reason: string };

type IssueActionRule = (substatus: string | null | undefined) => SentryEventDecision;

const skip = (reason: string): SentryEventDecision => ({ kind: "skip", reason });

const issueActions: Record<string, IssueActionRule> = {
  // `created` fires once per new Sentry issue; older payloads carry no substatus.
  created: (substatus) => (substatus === "ongoing" ? skip("Skipped: created/ongoing is not a new unique error") : { kind: "create" }),
  unresolved: (substatus) =>
    substatus === "regressed" || substatus === "escalating"
      ? { kind: "create", lifecycle: substatus }
      : skip(`Skipped: unresolved/${substatus ?? "none"} is neither a regression nor an escalation`),
  resolved: () => ({ kind: "update", lifecycle: "resolved" }),
  assigned: () => ({ kind: "update", lifecycle: "assigned" }),
  // The docs say `archived`, older Sentry code sends `ignored`: one meaning.
  archived: () => skip("Skipped: archived, the issue was intentionally ignored"),
  ignored: () => skip("Skipped: ignored, the issue was intentionally ignored"),
};

export function decideSentryEvent(resource: string, action: string, substatus: string | null | undefined): SentryEventDecision {
  if (resource !== "issue") return skip(`Ignored non-issue resource: ${resource}`);
  const rule = Object.hasOwn(issueActions, action) ? issueActions[action] : undefined;
  return rule ? rule(substatus) : skip(`Skipped: issue action "${action}" is not supported`);
}

export const SUPPORTED_EVENTS = [
  "issue.created (substatus=new)",
  "issue.unresolved (substatus=regressed)",
  "issue.unresolved (substatus=escalating)",
] as const;
