// Browser forms as the admin API's JSON inputs, so a form's fields go through the very zod schema the
// API route uses (createMappingSchema & co.) and its issue paths name the form field at fault. Only the
// shape is translated here (text → list, number, null); every rule stays in the schema.
import { PRIORITIES } from "./common";

type Form = Pick<FormData, "get" | "has">;

const text = (form: Form, name: string): string | undefined => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** A text field; an empty one is null (cleared) when `emptyIsNull`, else absent. */
function optionalText(form: Form, name: string, emptyIsNull: boolean): string | null | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  if (value.trim() === "") return emptyIsNull ? null : undefined;
  return value;
}

/** A write-only secret: a new value replaces it, an empty field leaves it, a ticked "clear" box clears it. */
function secret(form: Form, name: string): string | null | undefined {
  if (text(form, `${name}Clear`) === "on") return null;
  return optionalText(form, name, false);
}

/** "a, b\nc" → ["a", "b", "c"] (an empty field is the empty list). */
function list(form: Form, name: string): string[] | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  return value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function integer(form: Form, name: string): number | string | undefined {
  const value = text(form, name)?.trim();
  if (value === undefined || value === "") return undefined;
  // Not a number stays a string, for the schema to say "must be a number".
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

const defined = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));

export function mappingFormInput(form: Form): Record<string, unknown> {
  const priorities = Object.fromEntries(
    PRIORITIES.map((priority) => [priority, text(form, `jiraPriorities.${priority}`)?.trim()]).filter(
      ([, name]) => name,
    ),
  );
  const hasPriorityFields = PRIORITIES.some((priority) => form.has(`jiraPriorities.${priority}`));
  return defined({
    source: optionalText(form, "source", false),
    externalProject: text(form, "externalProject"),
    projectKey: text(form, "projectKey"),
    githubRepo: optionalText(form, "githubRepo", true),
    githubPathPrefix: optionalText(form, "githubPathPrefix", true),
    githubToken: secret(form, "githubToken"),
    glitchtipApiUrl: optionalText(form, "glitchtipApiUrl", true),
    glitchtipToken: secret(form, "glitchtipToken"),
    jiraConnectionId: optionalText(form, "jiraConnectionId", true),
    jiraProjectKey: optionalText(form, "jiraProjectKey", true),
    jiraIssueType: optionalText(form, "jiraIssueType", false),
    jiraLabels: list(form, "jiraLabels"),
    jiraComponents: list(form, "jiraComponents"),
    jiraPriorities: hasPriorityFields ? (Object.keys(priorities).length > 0 ? priorities : null) : undefined,
    jiraTicketsPerHour: integer(form, "jiraTicketsPerHour"),
    onResolve: optionalText(form, "onResolve", false),
    escalationPriority: optionalText(form, "escalationPriority", true),
  });
}

export function jiraConnectionFormInput(form: Form): Record<string, unknown> {
  return defined({
    name: text(form, "name"),
    flavor: optionalText(form, "flavor", false),
    baseUrl: text(form, "baseUrl"),
    email: optionalText(form, "email", true),
    // The API token cannot be cleared (a connection needs one): empty keeps it.
    token: optionalText(form, "token", false),
    webhookSecret: secret(form, "webhookSecret"),
  });
}

export function projectFormInput(form: Form): Record<string, unknown> {
  return defined({ key: optionalText(form, "key", false), name: text(form, "name") });
}

/** Which form field a zod issue path names: "jiraLabels.2" → "jiraLabels", "jiraPriorities.P1" stays. */
export function fieldOfPath(path: string): string {
  const [head, next] = path.split(".");
  if (head === "jiraPriorities" && next && (PRIORITIES as readonly string[]).includes(next)) return `${head}.${next}`;
  return head ?? "";
}
