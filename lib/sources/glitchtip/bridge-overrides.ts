// The query of app-sre/glitchtip-jira-bridge's alert URL: `?labels=a,b&components=x&issue_type=Bug`
// (FastAPI list parameters, so `labels=a&labels=b` too) as ticket fields over the mapping's.
import type { TicketOverrides } from "../../ingest/types";

const MAX_VALUES = 20;
const MAX_LENGTH = 255;

function list(params: URLSearchParams, name: string): string[] {
  const values = params
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "" && value.length <= MAX_LENGTH);
  return [...new Set(values)].slice(0, MAX_VALUES);
}

/** null when the URL asks for nothing, so the mapping's settings apply unchanged. */
export function bridgeTicketOverrides(params: URLSearchParams): TicketOverrides | null {
  const labels = list(params, "labels");
  const components = list(params, "components");
  const issueType = params.get("issue_type")?.trim().slice(0, MAX_LENGTH) || null;
  if (labels.length === 0 && components.length === 0 && !issueType) return null;
  return {
    ...(labels.length > 0 ? { labels } : {}),
    ...(components.length > 0 ? { components } : {}),
    ...(issueType ? { issueType } : {}),
  };
}
