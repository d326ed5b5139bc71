// A small fetch client for Jira Cloud (REST v3, ADF, Basic email:token) and Data Center (REST v2, wiki
// markup, Bearer PAT). Every failure is a JiraError; it logs nothing and no error carries credentials.
import { markdownToAdfDoc } from "./adf";
import { JiraError, jiraErrorFromException, jiraErrorFromResponse } from "./errors";
import { ticketsByLabelJql } from "./jql";
import { getCachedProject, type JiraProject, setCachedProject } from "./project-cache";
import {
  issueResponse,
  type JiraIssue,
  myPermissionsResponse,
  parseResponse,
  projectListResponse,
  projectResponse,
  projectSearchResponse,
  searchJqlResponse,
  searchV2Response,
  transitionsResponse,
} from "./responses";
import type {
  CreatedTicket,
  CreateTicketInput,
  JiraClient,
  JiraClientOptions,
  JiraProjectSummary,
  StatusCategory,
  TicketState,
  Transition,
} from "./types";
import { markdownToWiki } from "./wiki";

export const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_SUMMARY_LENGTH = 255;
const SEARCH_PAGE_SIZE = 100;
const TICKET_FIELDS = ["status", "resolution", "labels"];
const PROJECT_PAGE_SIZE = 50;
const MAX_LISTED_PROJECTS = 1000;

/** One line (Jira refuses line breaks), at most 255 UTF-16 units, never cutting a surrogate pair. */
export function jiraSummary(summary: string): string {
  const line = summary.replace(/\s+/g, " ").trim();
  if (line.length <= MAX_SUMMARY_LENGTH) return line;
  let out = "";
  for (const char of line) {
    if (out.length + char.length > MAX_SUMMARY_LENGTH - 1) break;
    out += char;
  }
  return `${out}…`;
}

// Jira's "No Category" ("undefined") shows like To Do.
const category = (key: string): StatusCategory => (key === "indeterminate" || key === "done" ? key : "new");

function authorization(options: JiraClientOptions): string {
  if (options.flavor === "datacenter") return `Bearer ${options.token}`;
  return `Basic ${Buffer.from(`${options.email ?? ""}:${options.token}`).toString("base64")}`;
}

export function createJiraClient(options: JiraClientOptions): JiraClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const api = `${baseUrl}/rest/api/${options.flavor === "cloud" ? "3" : "2"}`;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = authorization(options);
  const text = (markdown: string) =>
    options.flavor === "cloud" ? markdownToAdfDoc(markdown) : markdownToWiki(markdown);
  const issuePath = (key: string) => `${api}/issue/${encodeURIComponent(key)}`;

  async function call(method: "GET" | "POST", url: string, what: string, body?: unknown): Promise<unknown> {
    let response: Response;
    let responseText: string;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          authorization: auth,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect would be a wrong base URL or an SSO page; following it could leak the credentials.
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      responseText = await response.text();
    } catch (error) {
      throw jiraErrorFromException(error, what);
    }
    if (response.status >= 300 && response.status < 400) {
      throw new JiraError("permanent", `Jira ${what} was redirected (HTTP ${response.status}); check the site URL`, {
        status: response.status,
      });
    }
    if (!response.ok) throw jiraErrorFromResponse(response.status, response.headers, responseText, what);
    if (responseText === "") return undefined;
    try {
      return JSON.parse(responseText);
    } catch {
      throw new JiraError(
        "permanent",
        `Jira ${what} answered HTTP ${response.status} with a body that is not JSON; check the site URL`,
        { status: response.status },
      );
    }
  }

  /** A 2xx create whose body cannot be read (or a redirect after it) may have created the ticket. */
  function uncertainCreate(error: unknown): unknown {
    if (error instanceof JiraError && error.kind === "permanent" && error.status !== undefined && error.status < 300) {
      return new JiraError("transient", error.message, { status: error.status });
    }
    return error;
  }

  function ticketState(issue: JiraIssue): TicketState {
    const fields = issue.fields;
    return {
      id: issue.id,
      key: issue.key,
      url: `${baseUrl}/browse/${issue.key}`,
      statusName: fields.status.name,
      statusCategory: category(fields.status.statusCategory.key),
      resolution: fields.resolution?.name ?? null,
      labels: fields.labels ?? [],
    };
  }

  async function searchCloud(jql: string, what: string): Promise<JiraIssue[]> {
    const issues: JiraIssue[] = [];
    const seenTokens = new Set<string>();
    let nextPageToken: string | undefined;
    for (;;) {
      const body = {
        jql,
        fields: TICKET_FIELDS,
        maxResults: SEARCH_PAGE_SIZE,
        ...(nextPageToken ? { nextPageToken } : {}),
      };
      const page = parseResponse(searchJqlResponse, await call("POST", `${api}/search/jql`, what, body), what);
      issues.push(...page.issues);
      if (page.isLast === true || !page.nextPageToken) return issues;
      // A token seen before would loop forever.
      if (seenTokens.has(page.nextPageToken)) throw new JiraError("transient", `Jira ${what} repeated a page token`);
      seenTokens.add(page.nextPageToken);
      nextPageToken = page.nextPageToken;
    }
  }

  async function searchDataCenter(jql: string, what: string): Promise<JiraIssue[]> {
    const issues: JiraIssue[] = [];
    for (;;) {
      const body = { jql, fields: TICKET_FIELDS, startAt: issues.length, maxResults: SEARCH_PAGE_SIZE };
      const page = parseResponse(searchV2Response, await call("POST", `${api}/search`, what, body), what);
      issues.push(...page.issues);
      // The server may cap maxResults below what we asked, so advance by what came back.
      if (page.issues.length === 0 || issues.length >= page.total) return issues;
    }
  }

  return {
    flavor: options.flavor,

    async createTicket(input: CreateTicketInput): Promise<CreatedTicket> {
      const what = `create ticket in ${input.projectKey}`;
      const fields: Record<string, unknown> = {
        project: { key: input.projectKey },
        summary: jiraSummary(input.summary),
        issuetype: { name: input.issueType },
        description: text(input.descriptionMarkdown),
      };
      // Empty lists and absent priorities stay out: the field may not even be on the create screen.
      if (input.labels.length > 0) fields.labels = input.labels;
      if (input.components.length > 0) fields.components = input.components.map((name) => ({ name }));
      if (input.priorityName) fields.priority = { name: input.priorityName };
      const answer = await call("POST", `${api}/issue`, what, { fields }).catch((error: unknown) => {
        throw uncertainCreate(error);
      });
      const parsed = issueResponse.pick({ id: true, key: true }).safeParse(answer);
      // Jira said 2xx, so the ticket may well exist: an unreadable answer is uncertain, not a refusal.
      if (!parsed.success)
        throw new JiraError("transient", `Jira ${what} answered success with an unreadable body; the ticket may exist`);
      const created = parsed.data;
      return { id: created.id, key: created.key, url: `${baseUrl}/browse/${created.key}` };
    },

    async findTicketsByLabel(projectKey: string, label: string): Promise<TicketState[]> {
      const what = `search ${projectKey} for label ${label}`;
      const jql = ticketsByLabelJql(projectKey, label);
      const issues = options.flavor === "cloud" ? await searchCloud(jql, what) : await searchDataCenter(jql, what);
      return issues.map(ticketState);
    },

    async getTicket(key: string): Promise<TicketState> {
      const what = `get ticket ${key}`;
      const url = `${issuePath(key)}?fields=${TICKET_FIELDS.join(",")}`;
      return ticketState(parseResponse(issueResponse, await call("GET", url, what), what));
    },

    async listTransitions(key: string): Promise<Transition[]> {
      const what = `list transitions of ${key}`;
      const answer = parseResponse(transitionsResponse, await call("GET", `${issuePath(key)}/transitions`, what), what);
      return answer.transitions.map((t) => ({
        id: t.id,
        name: t.name,
        toStatusName: t.to.name,
        toStatusCategory: category(t.to.statusCategory.key),
      }));
    },

    async transition(key: string, transitionId: string): Promise<void> {
      await call("POST", `${issuePath(key)}/transitions`, `transition ${key}`, { transition: { id: transitionId } });
    },

    async checkAccess(): Promise<void> {
      await call("GET", `${api}/myself`, "check the credentials");
    },

    async addComment(key: string, markdown: string): Promise<void> {
      await call("POST", `${issuePath(key)}/comment`, `comment on ${key}`, { body: text(markdown) });
    },

    async getProject(key: string): Promise<JiraProject> {
      const cacheKey = `${options.flavor} ${baseUrl} ${key}`;
      const cached = getCachedProject(cacheKey);
      if (cached) return cached;
      const what = `get project ${key}`;
      const project = parseResponse(
        projectResponse,
        await call("GET", `${api}/project/${encodeURIComponent(key)}`, what),
        what,
      );
      const result: JiraProject = {
        key: project.key,
        name: project.name,
        issueTypes: project.issueTypes.map((t) => t.name),
        components: project.components.map((c) => c.name),
      };
      setCachedProject(cacheKey, result);
      return result;
    },

    async listProjects(): Promise<JiraProjectSummary[]> {
      const what = "list projects";
      if (options.flavor === "datacenter") {
        return parseResponse(projectListResponse, await call("GET", `${api}/project`, what), what).map(
          ({ key, name }) => ({ key, name }),
        );
      }
      const projects: JiraProjectSummary[] = [];
      while (projects.length < MAX_LISTED_PROJECTS) {
        const url = `${api}/project/search?startAt=${projects.length}&maxResults=${PROJECT_PAGE_SIZE}&orderBy=key`;
        const page = parseResponse(projectSearchResponse, await call("GET", url, what), what);
        projects.push(...page.values.map(({ key, name }) => ({ key, name })));
        if (page.isLast !== false || page.values.length === 0) break;
      }
      return projects;
    },

    async myPermissions(projectKey: string, permissions: string[]): Promise<Record<string, boolean>> {
      const what = `check permissions in ${projectKey}`;
      const url = `${api}/mypermissions?projectKey=${encodeURIComponent(projectKey)}&permissions=${permissions.map(encodeURIComponent).join(",")}`;
      const answer = parseResponse(myPermissionsResponse, await call("GET", url, what), what);
      return Object.fromEntries(permissions.map((key) => [key, answer.permissions[key]?.havePermission === true]));
    },
  };
}
