// Jira's admin webhook as the real server receives it: a signed `jira:issue_updated` status change.
import { randomUUID } from "node:crypto";
import { signJiraBody } from "../../lib/jira-sync/inbound/verify-jira-signature";

/** `id`: the ticket's Jira id (stable when the ticket moves); by default one no real ticket of the fake has. */
export function jiraStatusChange(
  key: string,
  status: { name: string; category: "new" | "indeterminate" | "done"; resolution?: string | null },
  id = `99${key.replace(/\D/g, "")}`,
) {
  return {
    timestamp: Date.now(),
    webhookEvent: "jira:issue_updated",
    issue_event_type_name: "issue_generic",
    user: { accountId: "5b10a2844c20165700ede21g", displayName: "Ada Lovelace" },
    issue: {
      id,
      self: `https://acme.atlassian.net/rest/api/2/issue/${id}`,
      key,
      fields: {
        summary: "Some ticket",
        status: { name: status.name, id: "10001", statusCategory: { id: 3, key: status.category, name: status.name } },
        resolution: status.resolution ? { id: "10000", name: status.resolution } : null,
      },
    },
    changelog: {
      id: "10100",
      items: [{ field: "status", fieldtype: "jira", fromString: "To Do", toString: status.name }],
    },
  };
}

export function postJiraWebhook(
  baseUrl: string,
  body: object | string,
  options: { secret?: string; signature?: string | null; identifier?: string } = {},
) {
  const bytes = Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-atlassian-webhook-identifier": options.identifier ?? randomUUID(),
  };
  const signature = options.signature === undefined ? signJiraBody(bytes, options.secret ?? "") : options.signature;
  if (signature !== null) headers["x-hub-signature"] = signature;
  return fetch(`${baseUrl}/api/jira/webhook`, { method: "POST", body: new Uint8Array(bytes), headers });
}
