// Which Sentry webhooks create an internal issue (the Sentry contract, docs/sentry-contract.md) and which act on one we already
// track (regressed/escalating reopen or comment, resolved resolves, assigned assigns). Anything not
// listed is answered 200 with the reason it was skipped.
export type SentryEventDecision =
  | { kind: "create"; lifecycle?: "regressed" | "escalating" }
  | { kind: "update"; lifecycle: "resolved" | "assigned" }
  | { kind: "skip"; reason: string };

interface HandledEvent {
  action: string;
  /** How the health answer (GET /api/sentry/webhook) names the event. */
  label: string;
  /** Whether the event's substatus makes it act. */
  when: (substatus: string | null | undefined) => boolean;
  decision: SentryEventDecision;
}

const always = () => true;

/** Every issue event that acts: the decisions below and the health answer's `supported_events` both read this list. */
const HANDLED_EVENTS: readonly HandledEvent[] = [
  // `created` fires once per new Sentry issue; older payloads carry no substatus.
  {
    action: "created",
    label: "issue.created (substatus=new)",
    when: (substatus) => substatus !== "ongoing",
    decision: { kind: "create" },
  },
  {
    action: "unresolved",
    label: "issue.unresolved (substatus=regressed)",
    when: (substatus) => substatus === "regressed",
    decision: { kind: "create", lifecycle: "regressed" },
  },
  {
    action: "unresolved",
    label: "issue.unresolved (substatus=escalating)",
    when: (substatus) => substatus === "escalating",
    decision: { kind: "create", lifecycle: "escalating" },
  },
  { action: "resolved", label: "issue.resolved", when: always, decision: { kind: "update", lifecycle: "resolved" } },
  { action: "assigned", label: "issue.assigned", when: always, decision: { kind: "update", lifecycle: "assigned" } },
];

const skip = (reason: string): SentryEventDecision => ({ kind: "skip", reason });

/** Why a known action that does not act is skipped. */
const SKIP_REASONS: Record<string, (substatus: string | null | undefined) => string> = {
  created: () => "Skipped: created/ongoing is not a new unique error",
  unresolved: (substatus) => `Skipped: unresolved/${substatus ?? "none"} is neither a regression nor an escalation`,
  // The docs say `archived`, older Sentry code sends `ignored`: one meaning.
  archived: () => "Skipped: archived, the issue was intentionally ignored",
  ignored: () => "Skipped: ignored, the issue was intentionally ignored",
};

export function decideSentryEvent(
  resource: string,
  action: string,
  substatus: string | null | undefined,
): SentryEventDecision {
  if (resource !== "issue") return skip(`Ignored non-issue resource: ${resource}`);
  const handled = HANDLED_EVENTS.find((event) => event.action === action && event.when(substatus));
  if (handled) return handled.decision;
  const reason = Object.hasOwn(SKIP_REASONS, action) ? SKIP_REASONS[action] : undefined;
  return skip(reason ? reason(substatus) : `Skipped: issue action "${action}" is not supported`);
}

export const SUPPORTED_EVENTS: readonly string[] = HANDLED_EVENTS.map((event) => event.label);
