// The query of app-sre/glitchtip-jira-bridge's alert URL: `?labels=a,b&components=x&issue_type=Bug`
// (FastAPI list parameters, so `labels=a&labels=b` too) as ticket fields over the mapping's.
import type { TicketOverrides } from "../types";

const MAX_VALUES = 20;
const MAX_LENGTH = 255;

/** A value Jira could take as a label, component or type name: not too long, no control characters, no lone surrogates. */
const usable = (value: string) =>
  value !== "" && value.length <= MAX_LENGTH && value.isWellFormed() && !/\p{Cc}/u.test(value);

function list(params: URLSearchParams, name: string): string[] {
  const values = params
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(usable);
  return [...new Set(values)].slice(0, MAX_VALUES);
}

/** null when the URL asks for nothing, so the mapping's settings apply unchanged. */
export function bridgeTicketOverrides(params: URLSearchParams): TicketOverrides | null {
  const labels = list(params, "labels");
  const components = list(params, "components");
  const type = params.get("issue_type")?.trim() ?? "";
  const issueType = usable(type) ? type : null;
  if (labels.length === 0 && components.length === 0 && !issueType) return null;
  return {
    ...(labels.length > 0 ? { labels } : {}),
    ...(components.length > 0 ? { components } : {}),
    ...(issueType ? { issueType } : {}),
  };
}
