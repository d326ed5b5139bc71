// A Jira on 127.0.0.1 that speaks Cloud REST v3 (Basic email:token, ADF validated against the adf-schema)
// and Data Center REST v2 (Bearer PAT, wiki strings) at once, with Jira's answer shapes: create with field
// validation, get, search/jql (nextPageToken) and v2 search (startAt/total), the removed v3 /search (410),
// a To Do / In Progress / Done / Won't Do workflow, comments and projects (get, project/search pages, the v2
// project list, create-meta issue types) and mypermissions. Test hooks inject failures,
// pause or drop a create after the ticket is stored, delay search visibility, and play the human in Jira.
// Run alone: `npx tsx tests/support/fake-jira.ts '{"port":8089}'` prints {"url": ...}.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { adfErrors } from "./adf-schema";
import { type JqlQuery, parseJql } from "./fake-jira-jql";

export interface FakeJiraProjectInput {
  key: string;
  name?: string;
  issueTypes?: string[];
  components?: string[];
}

export interface FakeJiraComment {
  id: string;
  /** ADF document (v3) or wiki string (v2), as received. */
  body: unknown;
  created: string;
}

export interface FakeJiraTicket {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  issueType: string;
  description: unknown;
  labels: string[];
  components: string[];
  priority: string | null;
  statusName: string;
  resolution: string | null;
  comments: FakeJiraComment[];
  createdAt: number;
  /** REST version that created it ("3" Cloud, "2" Data Center, null when added by a test). */
  api: "2" | "3" | null;
}

/** What a create does after storing the ticket: answer (default), never answer, or answer late. */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook may end without a return (an async function returning nothing)
export type FakeJiraCreateAction = void | { drop: true } | { delayMs: number };
export type FakeJiraCreateHook = (ticket: FakeJiraTicket) => FakeJiraCreateAction | Promise<FakeJiraCreateAction>;

export interface FakeJiraFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Only requests with this method / path (exact, or a pattern) fail; others pass untouched. */
  method?: string;
  path?: string | RegExp;
}

export interface FakeJiraCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: { authorization?: string; contentType?: string; accept?: string };
  status: number;
}

export interface FakeJiraOptions {
  /** Cloud Basic credentials. */
  email?: string;
  apiToken?: string;
  /** Data Center personal access token (Bearer). */
  pat?: string;
  projects?: FakeJiraProjectInput[];
  searchLagMs?: number;
  /** Largest page a search returns, whatever maxResults asks (Jira Cloud: 100 with fields). */
  maxResultsCap?: number;
  onCreate?: FakeJiraCreateHook;
  port?: number;
}

export interface FakeJira {
  url: string;
  calls: FakeJiraCall[];
  tickets: Map<string, FakeJiraTicket>;
  /** New tickets stay invisible to search this long (eventual consistency); get by key sees them at once. */
  searchLagMs: number;
  maxResultsCap: number;
  /** Runs after a create stored its ticket, before the answer: await, kill a process, or drop/delay. */
  onCreate: FakeJiraCreateHook | null;
  failNext(times: number, failure: FakeJiraFailure): void;
  clearFailures(): void;
  /** A human moving the ticket in Jira; the resolution follows the status unless given. */
  setTicketStatus(key: string, statusName: string, resolution?: string | null): void;
  /** A person moving the ticket to another project: new key, same id; the old key still answers (as in Jira). */
  moveTicket(key: string, toProjectKey: string): FakeJiraTicket;
  /** A person deleting the ticket: every call about it answers 404. */
  deleteTicket(key: string): void;
  addProject(project: FakeJiraProjectInput): void;
  /** The credentials lose a permission (e.g. CREATE_ISSUES) in one project: mypermissions says havePermission false. */
  denyPermission(projectKey: string, permission: string): void;
  /** A ticket made in Jira by someone else (api null), visible to search at once unless `createdAt` says otherwise. */
  addTicket(input: Partial<FakeJiraTicket> & { projectKey: string; summary: string }): FakeJiraTicket;
  /** Forgets tickets, calls and failures; projects stay. */
  reset(): void;
  stop(): Promise<void>;
}

export const FAKE_JIRA_DEFAULTS = {
  email: "bot@example.com",
  apiToken: "cloud-api-token",
  pat: "dc-personal-access-token",
  projects: [{ key: "OPS", name: "Operations", issueTypes: ["Bug", "Task"], components: ["Backend", "Frontend"] }],
};

const CATEGORIES = {
  new: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { id: 3, key: "done", colorName: "green", name: "Done" },
} as const;

const STATUSES: Record<string, { id: string; category: keyof typeof CATEGORIES; resolution: string | null }> = {
  "To Do": { id: "10000", category: "new", resolution: null },
  "In Progress": { id: "3", category: "indeterminate", resolution: null },
  Done: { id: "10001", category: "done", resolution: "Done" },
  "Won't Do": { id: "10002", category: "done", resolution: "Won't Do" },
};

// Ids unlike the status ids; from a done status the first two listed are not the way back to To Do.
const TRANSITIONS: Record<string, { name: string; to: string }> = {
  "11": { name: "Start Progress", to: "In Progress" },
  "21": { name: "Stop Progress", to: "To Do" },
  "31": { name: "Done", to: "Done" },
  "41": { name: "Won't Do", to: "Won't Do" },
  "51": { name: "Reopen", to: "To Do" },
};
const AVAILABLE: Record<string, string[]> = {
  "To Do": ["11", "31", "41"],
  "In Progress": ["31", "41", "21"],
  Done: ["41", "11", "51"],
  "Won't Do": ["31", "11", "51"],
};

const PRIORITIES = ["Highest", "High", "Medium", "Low", "Lowest"];
// The project permissions mypermissions knows (a subset of Jira's), with Jira's ids, names and descriptions.
const PERMISSIONS: Record<string, { id: string; name: string; description: string }> = {
  BROWSE_PROJECTS: {
    id: "10",
    name: "Browse Projects",
    description: "Ability to browse projects and the issues within them.",
  },
  CREATE_ISSUES: { id: "11", name: "Create Issues", description: "Ability to create issues." },
  EDIT_ISSUES: { id: "12", name: "Edit Issues", description: "Ability to edit issues." },
  TRANSITION_ISSUES: { id: "46", name: "Transition Issues", description: "Ability to transition issues." },
  ADD_COMMENTS: { id: "15", name: "Add Comments", description: "Ability to comment on issues." },
};
const CREATE_FIELDS = new Set(["project", "summary", "issuetype", "description", "labels", "components", "priority"]);
const NOT_ADF = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
const jiraError = (status: number, errorMessages: string[], errors: Record<string, string> = {}) =>
  new HttpAnswer(status, { errorMessages, errors });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nameOf = (value: unknown): unknown =>
  typeof value === "object" && value !== null ? (value as { name?: unknown }).name : undefined;
const isAdfDoc = (value: unknown) =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc";

export async function startFakeJira(options: FakeJiraOptions = {}): Promise<FakeJira> {
  const email = options.email ?? FAKE_JIRA_DEFAULTS.email;
  const apiToken = options.apiToken ?? FAKE_JIRA_DEFAULTS.apiToken;
  const pat = options.pat ?? FAKE_JIRA_DEFAULTS.pat;
  const projects = new Map<string, Required<FakeJiraProjectInput> & { id: string }>();
  const counters = new Map<string, number>();
  const movedKeys = new Map<string, string>(); // old key → new key
  const denied = new Set<string>(); // "KEY PERMISSION"
  let failures: { left: number; failure: FakeJiraFailure }[] = [];
  let nextId = 10_001;

  const status = (name: string) => {
    const s = STATUSES[name]!;
    return {
      self: `${fake.url}/rest/api/2/status/${s.id}`,
      id: s.id,
      name,
      statusCategory: {
        self: `${fake.url}/rest/api/2/statuscategory/${CATEGORIES[s.category].id}`,
        ...CATEGORIES[s.category],
      },
    };
  };

  function issueJson(t: FakeJiraTicket, api: string, fields: string[] | undefined) {
    const all: Record<string, unknown> = {
      summary: t.summary,
      status: status(t.statusName),
      resolution:
        t.resolution === null
          ? null
          : { self: `${fake.url}/rest/api/${api}/resolution/1`, id: "1", name: t.resolution },
      labels: t.labels,
      issuetype: { name: t.issueType },
      project: { key: t.projectKey, name: projects.get(t.projectKey)?.name },
      components: t.components.map((name) => ({ name })),
      priority: t.priority === null ? null : { name: t.priority },
      description: t.description,
      created: new Date(t.createdAt).toISOString(),
    };
    const wanted = !fields || fields.some((f) => f === "*all" || f === "*navigable") ? Object.keys(all) : fields;
    return {
      id: t.id,
      key: t.key,
      self: `${fake.url}/rest/api/${api}/issue/${t.id}`,
      fields: Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]])),
    };
  }

  function storeTicket(input: Partial<FakeJiraTicket> & { projectKey: string; summary: string }): FakeJiraTicket {
    const number = (counters.get(input.projectKey) ?? 0) + 1;
    counters.set(input.projectKey, number);
    const statusName = input.statusName ?? "To Do";
    const ticket: FakeJiraTicket = {
      id: String(nextId++),
      key: `${input.projectKey}-${number}`,
      issueType: "Bug",
      description: null,
      labels: [],
      components: [],
      priority: null,
      resolution: STATUSES[statusName]?.resolution ?? null,
      comments: [],
      createdAt: Date.now(),
      api: null,
      ...input,
      statusName,
    };
    fake.tickets.set(ticket.key, ticket);
    return ticket;
  }

  function validateCreate(
    body: unknown,
    api: string,
  ): HttpAnswer | Omit<FakeJiraTicket, "id" | "key" | "comments" | "createdAt" | "statusName" | "resolution"> {
    const fields = (body as { fields?: unknown } | null)?.fields;
    if (typeof fields !== "object" || fields === null) return jiraError(400, ["Issue must have fields"]);
    const f = fields as Record<string, unknown>;
    const errors: Record<string, string> = {};
    for (const name of Object.keys(f)) {
      if (!CREATE_FIELDS.has(name))
        errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
    const project = projects.get(String((f.project as { key?: unknown } | undefined)?.key ?? ""));
    if (!project) errors.project = "valid project is required";
    const issueType = nameOf(f.issuetype);
    if (typeof issueType !== "string") errors.issuetype = "Specify an issue type";
    else if (project && !project.issueTypes.includes(issueType)) errors.issuetype = "Specify a valid issue type";
    const summary = f.summary;
    if (typeof summary !== "string" || summary.trim() === "")
      errors.summary = "You must specify a summary of the issue.";
    else if (summary.length > 255) errors.summary = "Summary must be less than 255 characters.";
    else if (/[\r\n]/.test(summary)) errors.summary = "The summary is invalid because it contains newline characters.";
    const labels = f.labels ?? [];
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== "string")) errors.labels = "data was not an array";
    else {
      const bad = labels.find((l: string) => /\s/.test(l) || l === "" || l.length > 255);
      if (bad !== undefined) errors.labels = `The label '${bad}' contains spaces which is invalid.`;
    }
    const components = Array.isArray(f.components) ? f.components.map(nameOf) : f.components === undefined ? [] : null;
    if (components === null) errors.components = "data was not an array";
    else {
      const unknown = components.find((c) => typeof c !== "string" || !project?.components.includes(c));
      if (unknown !== undefined && project) errors.components = `Component name '${String(unknown)}' is not valid`;
    }
    const priority = f.priority === undefined ? null : nameOf(f.priority);
    if (priority !== null && (typeof priority !== "string" || !PRIORITIES.includes(priority)))
      errors.priority = "The priority selected is invalid.";
    const description = f.description ?? null;
    if (api === "3" && description !== null) {
      if (!isAdfDoc(description)) errors.description = NOT_ADF;
      else {
        const invalid = adfErrors(description);
        if (invalid.length > 0) errors.description = `INVALID_INPUT: ${invalid.join("; ")}`;
      }
    } else if (api === "2" && description !== null && typeof description !== "string") {
      errors.description = "Operation value must be a string";
    }
    if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
    return {
      projectKey: project!.key,
      summary: summary as string,
      issueType: issueType as string,
      description,
      labels: labels as string[],
      components: components as string[],
      priority: priority as string | null,
      api: api as "2" | "3",
    };
  }

  function search(
    api: string,
    jql: string,
    fieldsParam: unknown,
    maxResultsParam: unknown,
    position: { token?: unknown; startAt?: unknown },
  ): HttpAnswer {
    const query = parseJql(jql);
    if ("error" in query) return jiraError(400, [`Error in the JQL Query: ${query.error}`]);
    if (api === "3" && query.clauses.length === 0) {
      return jiraError(400, [
        "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
      ]);
    }
    const unknownProject = query.clauses.find((c) => c.field === "project" && !projects.has(c.value.toUpperCase()));
    if (unknownProject)
      return jiraError(400, [`The value '${unknownProject.value}' does not exist for the field 'project'.`]);
    const fields = Array.isArray(fieldsParam)
      ? fieldsParam.map(String)
      : typeof fieldsParam === "string"
        ? fieldsParam.split(",")
        : api === "3"
          ? ["id"]
          : undefined;
    const requested = Number(maxResultsParam ?? 50);
    const pageSize = Math.max(0, Math.min(Number.isFinite(requested) ? requested : 50, fake.maxResultsCap));
    const visibleBefore = Date.now() - fake.searchLagMs;
    const matches = [...fake.tickets.values()]
      .filter((t) => t.createdAt <= visibleBefore && matchesJql(t, query))
      .sort(compareBy(query));

    if (api === "2") {
      const startAt = Math.max(0, Number(position.startAt ?? 0) || 0);
      const issues = matches.slice(startAt, startAt + pageSize).map((t) => issueJson(t, api, fields));
      return new HttpAnswer(200, {
        expand: "schema,names",
        startAt,
        maxResults: pageSize,
        total: matches.length,
        issues,
      });
    }
    let offset = 0;
    if (position.token !== undefined && position.token !== null) {
      const decoded = decodeToken(String(position.token));
      if (!decoded || decoded.jql !== jql)
        return jiraError(400, ["The provided next page token is invalid or expired."]);
      offset = decoded.offset;
    }
    const issues = matches.slice(offset, offset + pageSize).map((t) => issueJson(t, api, fields));
    const isLast = offset + pageSize >= matches.length;
    return new HttpAnswer(200, {
      issues,
      isLast,
      ...(isLast ? {} : { nextPageToken: encodeToken(offset + pageSize, jql) }),
    });
  }

  async function route(
    method: string,
    api: string,
    rest: string,
    body: unknown,
    query: Record<string, string>,
    res: ServerResponse,
  ): Promise<HttpAnswer | null> {
    const issue = /^issue\/([^/]+)(?:\/(transitions|comment))?$/.exec(rest);
    const asked = issue ? decodeURIComponent(issue[1]!) : undefined;
    const ticket = asked
      ? (fake.tickets.get(movedKeys.get(asked) ?? asked) ?? [...fake.tickets.values()].find((t) => t.id === asked))
      : undefined;
    const searchBody = (method === "POST" ? body : query) as Record<string, unknown> | null;

    if (method === "POST" && rest === "issue") {
      const valid = validateCreate(body, api);
      if (valid instanceof HttpAnswer) return valid;
      const stored = storeTicket(valid);
      const action = await fake.onCreate?.(stored);
      if (action && "drop" in action) {
        res.socket?.destroy();
        return null;
      }
      if (action && "delayMs" in action) await sleep(action.delayMs);
      return new HttpAnswer(201, {
        id: stored.id,
        key: stored.key,
        self: `${fake.url}/rest/api/${api}/issue/${stored.id}`,
      });
    }
    if (rest === "search/jql" && api === "3" && (method === "POST" || method === "GET")) {
      const b = searchBody ?? {};
      return search(api, String(b.jql ?? ""), b.fields, b.maxResults, { token: b.nextPageToken });
    }
    if (rest === "search" && (method === "POST" || method === "GET")) {
      if (api === "3") {
        return jiraError(410, [
          "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
        ]);
      }
      const b = searchBody ?? {};
      return search(api, String(b.jql ?? ""), b.fields, b.maxResults, { startAt: b.startAt });
    }
    if (rest === "myself" && method === "GET") {
      return new HttpAnswer(200, {
        accountId: "5b10ac8d82e05b22cc7d4ef5",
        emailAddress: email,
        displayName: "Tracker Bot",
        active: true,
      });
    }
    const summary = (p: { id: string; key: string; name: string }) => ({
      expand: "description,lead,issueTypes,url,projectKeys,permissions,insight",
      self: `${fake.url}/rest/api/${api}/project/${p.id}`,
      id: p.id,
      key: p.key,
      name: p.name,
      projectTypeKey: "software",
      simplified: false,
      style: "classic",
      isPrivate: false,
    });
    const sortedProjects = () => [...projects.values()].sort((a, b) => a.key.localeCompare(b.key));
    if (rest === "project/search" && method === "GET") {
      if (api === "2") return jiraError(404, [`null for uri: ${fake.url}/rest/api/2/project/search`]);
      const startAt = Math.max(0, Number(query.startAt ?? 0) || 0);
      const maxResults = Math.min(Math.max(1, Number(query.maxResults ?? 50) || 50), 50);
      const all = sortedProjects();
      const values = all.slice(startAt, startAt + maxResults).map(summary);
      const isLast = startAt + maxResults >= all.length;
      const self = `${fake.url}/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`;
      return new HttpAnswer(200, {
        self,
        maxResults,
        startAt,
        total: all.length,
        isLast,
        values,
        ...(isLast
          ? {}
          : {
              nextPage: `${fake.url}/rest/api/3/project/search?startAt=${startAt + maxResults}&maxResults=${maxResults}`,
            }),
      });
    }
    if (rest === "project" && method === "GET") return new HttpAnswer(200, sortedProjects().map(summary));
    const createMeta = /^issue\/createmeta\/([^/]+)\/issuetypes$/.exec(rest);
    if (createMeta && method === "GET") {
      const asked = decodeURIComponent(createMeta[1]!);
      const p = projects.get(asked) ?? [...projects.values()].find((candidate) => candidate.id === asked);
      if (!p) return jiraError(404, [`No project could be found with key '${asked}'.`]);
      const types = p.issueTypes.map((name, i) => ({
        self: `${fake.url}/rest/api/${api}/issuetype/${10_100 + i}`,
        id: String(10_100 + i),
        name,
        description: "",
        subtask: false,
      }));
      // Cloud lists them under issueTypes; Data Center pages them as values.
      return new HttpAnswer(
        200,
        api === "3"
          ? { maxResults: 50, startAt: 0, total: types.length, issueTypes: types }
          : { maxResults: 50, startAt: 0, total: types.length, isLast: true, values: types },
      );
    }
    if (rest === "mypermissions" && method === "GET") {
      const keys = (query.permissions ?? "").split(",").filter(Boolean);
      if (keys.length === 0) return jiraError(400, ["The 'permissions' query parameter is required."]);
      const unknownKey = keys.find((key) => !PERMISSIONS[key]);
      if (unknownKey) return jiraError(400, [`Unrecognized permission key(s): ${unknownKey}`]);
      const projectKey = query.projectKey;
      if (projectKey !== undefined && !projects.has(projectKey))
        return jiraError(404, [`No project could be found with key '${projectKey}'.`]);
      return new HttpAnswer(200, {
        permissions: Object.fromEntries(
          keys.map((key) => [
            key,
            {
              ...PERMISSIONS[key],
              key,
              type: "PROJECT",
              havePermission: !(projectKey && denied.has(`${projectKey} ${key}`)),
            },
          ]),
        ),
      });
    }
    const project = /^project\/([^/]+)$/.exec(rest);
    if (project && method === "GET") {
      const p = projects.get(decodeURIComponent(project[1]!));
      if (!p) return jiraError(404, [`No project could be found with key '${decodeURIComponent(project[1]!)}'.`]);
      return new HttpAnswer(200, {
        self: `${fake.url}/rest/api/${api}/project/${p.id}`,
        id: p.id,
        key: p.key,
        name: p.name,
        projectTypeKey: "software",
        issueTypes: p.issueTypes.map((name, i) => ({ id: String(10_100 + i), name, subtask: false })),
        components: p.components.map((name, i) => ({ id: String(10_200 + i), name })),
      });
    }
    if (!issue) return jiraError(404, [`null for uri: ${fake.url}/rest/api/${api}/${rest}`]);
    if (!ticket) return jiraError(404, ["Issue does not exist or you do not have permission to see it."]);

    if (!issue[2] && method === "GET") return new HttpAnswer(200, issueJson(ticket, api, query.fields?.split(",")));
    if (issue[2] === "transitions" && method === "GET") {
      return new HttpAnswer(200, {
        expand: "transitions",
        transitions: AVAILABLE[ticket.statusName]!.map((id) => ({
          id,
          name: TRANSITIONS[id]!.name,
          to: status(TRANSITIONS[id]!.to),
          hasScreen: false,
          isGlobal: true,
          isInitial: false,
          isAvailable: true,
          isConditional: false,
          isLooped: false,
        })),
      });
    }
    if (issue[2] === "transitions" && method === "POST") {
      const id = String((body as { transition?: { id?: unknown } } | null)?.transition?.id ?? "");
      if (!AVAILABLE[ticket.statusName]!.includes(id))
        return jiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
      ticket.statusName = TRANSITIONS[id]!.to;
      ticket.resolution = STATUSES[ticket.statusName]!.resolution;
      return new HttpAnswer(204, undefined);
    }
    if (issue[2] === "comment" && method === "POST") {
      const commentBody = (body as { body?: unknown } | null)?.body;
      if (api === "3" && !isAdfDoc(commentBody)) return jiraError(400, [], { comment: NOT_ADF });
      if (api === "3" && adfErrors(commentBody).length > 0)
        return jiraError(400, [], { comment: `INVALID_INPUT: ${adfErrors(commentBody).join("; ")}` });
      if (api === "2" && (typeof commentBody !== "string" || commentBody.trim() === ""))
        return jiraError(400, [], { comment: "Comment body can not be empty!" });
      const comment = { id: String(nextId++), body: commentBody, created: new Date().toISOString() };
      ticket.comments.push(comment);
      return new HttpAnswer(201, {
        self: `${fake.url}/rest/api/${api}/issue/${ticket.id}/comment/${comment.id}`,
        ...comment,
        updated: comment.created,
      });
    }
    return jiraError(405, [`Method ${method} is not allowed here.`]);
  }

  function authorized(api: string, header: string | undefined): boolean {
    if (api === "3") return header === `Basic ${Buffer.from(`${email}:${apiToken}`).toString("base64")}`;
    return header === `Bearer ${pat}`;
  }

  function takeFailure(method: string, path: string): FakeJiraFailure | undefined {
    const entry = failures.find(
      ({ failure: f, left }) =>
        left > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.path || (typeof f.path === "string" ? f.path === path : f.path.test(path))),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    failures = failures.filter((f) => f.left > 0);
    return entry.failure;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw === "" ? undefined : raw;
    let badJson = false;
    if (raw !== "" && (req.headers["content-type"] ?? "").includes("json")) {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
      }
    }
    const call: FakeJiraCall = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      headers: {
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        accept: req.headers.accept,
      },
    };
    fake.calls.push(call);
    const send = (answer: HttpAnswer) => {
      call.status = answer.status;
      if (res.destroyed) return;
      const json = answer.body === undefined ? "" : JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        ...(json ? { "content-type": "application/json;charset=UTF-8" } : {}),
        ...answer.headers,
      });
      res.end(json);
    };

    const failure = takeFailure(method, url.pathname);
    if (failure) {
      const fallback =
        failure.status === 429
          ? ["Rate limit exceeded."]
          : failure.status >= 500
            ? ["Internal server error"]
            : [`Failure ${failure.status} injected by the test`];
      return send(
        new HttpAnswer(
          failure.status,
          failure.body === undefined ? { errorMessages: fallback, errors: {} } : failure.body,
          failure.headers,
        ),
      );
    }
    const match = /^\/rest\/api\/(2|3)\/(.+)$/.exec(url.pathname);
    if (!match) return send(jiraError(404, [`null for uri: ${fake.url}${url.pathname}`]));
    const [, api, rest] = match as unknown as [string, string, string];
    if (!authorized(api, req.headers.authorization)) {
      return send(
        new HttpAnswer(
          401,
          {
            errorMessages: ["You are not authenticated. Authentication required to perform this operation."],
            errors: {},
          },
          { "x-seraph-loginreason": "AUTHENTICATED_FAILED" },
        ),
      );
    }
    if (badJson) return send(jiraError(400, ["Unexpected character in the request body: it is not valid JSON."]));
    const answer = await route(method, api, rest, body, call.query, res);
    if (answer) send(answer);
    else call.status = -1; // dropped
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errorMessages: [`fake Jira crashed: ${String(error)}`], errors: {} }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));

  const fake: FakeJira = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: [],
    tickets: new Map(),
    searchLagMs: options.searchLagMs ?? 0,
    maxResultsCap: options.maxResultsCap ?? 100,
    onCreate: options.onCreate ?? null,
    failNext: (times, failure) => void failures.push({ left: times, failure }),
    clearFailures: () => void (failures = []),
    setTicketStatus(key, statusName, resolution) {
      const ticket = fake.tickets.get(key);
      if (!ticket) throw new Error(`fake Jira has no ticket ${key}`);
      if (!STATUSES[statusName])
        throw new Error(`fake Jira has no status "${statusName}" (${Object.keys(STATUSES).join(", ")})`);
      ticket.statusName = statusName;
      ticket.resolution = resolution === undefined ? STATUSES[statusName]!.resolution : resolution;
    },
    moveTicket(key, toProjectKey) {
      const ticket = fake.tickets.get(key);
      if (!ticket) throw new Error(`fake Jira has no ticket ${key}`);
      const number = (counters.get(toProjectKey) ?? 0) + 1;
      counters.set(toProjectKey, number);
      fake.tickets.delete(key);
      ticket.key = `${toProjectKey}-${number}`;
      ticket.projectKey = toProjectKey;
      fake.tickets.set(ticket.key, ticket);
      movedKeys.set(key, ticket.key);
      return ticket;
    },
    deleteTicket(key) {
      if (!fake.tickets.delete(key)) throw new Error(`fake Jira has no ticket ${key}`);
    },
    addProject(p) {
      projects.set(p.key, {
        key: p.key,
        name: p.name ?? p.key,
        issueTypes: p.issueTypes ?? ["Bug", "Task"],
        components: p.components ?? [],
        id: String(10_000 + projects.size),
      });
    },
    denyPermission: (projectKey, permission) => void denied.add(`${projectKey} ${permission}`),
    addTicket: (input) => storeTicket(input),
    reset() {
      fake.tickets.clear();
      fake.calls.length = 0;
      failures = [];
      counters.clear();
      movedKeys.clear();
      denied.clear();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  for (const p of options.projects ?? FAKE_JIRA_DEFAULTS.projects) fake.addProject(p);
  return fake;
}

function matchesJql(t: FakeJiraTicket, query: JqlQuery): boolean {
  return query.clauses.every((c) =>
    c.field === "project"
      ? t.projectKey === c.value.toUpperCase()
      : c.field === "labels"
        ? t.labels.includes(c.value)
        : t.key === c.value.toUpperCase(),
  );
}

function compareBy(query: JqlQuery) {
  const sign = query.orderBy.descending ? -1 : 1;
  return (a: FakeJiraTicket, b: FakeJiraTicket) =>
    sign *
    (query.orderBy.field === "created"
      ? a.createdAt - b.createdAt || Number(a.id) - Number(b.id)
      : a.key.localeCompare(b.key, "en", { numeric: true }));
}

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ offset, jql })).toString("base64url");
}

function decodeToken(token: string): { offset: number; jql: string } | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown; jql?: unknown };
    return typeof value.offset === "number" && typeof value.jql === "string"
      ? { offset: value.offset, jql: value.jql }
      : undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startFakeJira(process.argv[2] ? (JSON.parse(process.argv[2]) as FakeJiraOptions) : {});
  console.log(JSON.stringify({ url: fake.url }));
}
