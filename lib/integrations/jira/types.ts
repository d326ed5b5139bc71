// The Jira client's contract, the same for Jira Cloud (REST v3, ADF) and Data Center (REST v2, wiki
// markup). Text goes in as markdown; the client converts it to what the flavor expects.
export type JiraFlavor = "cloud" | "datacenter";

export interface JiraClientOptions {
  flavor: JiraFlavor;
  /** Site URL, e.g. https://acme.atlassian.net (no trailing /rest). */
  baseUrl: string;
  /** Cloud: account email for Basic auth with `token`. Data Center: unused (Bearer PAT). */
  email?: string | null;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface CreateTicketInput {
  projectKey: string;
  summary: string;
  issueType: string;
  /** Markdown; converted to ADF (cloud) or wiki markup (datacenter). */
  descriptionMarkdown: string;
  labels: string[];
  components: string[];
  priorityName?: string | null;
}

export interface CreatedTicket {
  id: string;
  key: string;
  /** Browse URL: <site>/browse/<KEY>. */
  url: string;
}

export type StatusCategory = "new" | "indeterminate" | "done";

export interface TicketState {
  id: string;
  key: string;
  url: string;
  statusName: string;
  statusCategory: StatusCategory;
  /** Resolution name (e.g. "Done", "Won't Do", "Duplicate"), null when unresolved. */
  resolution: string | null;
  labels: string[];
}

export interface Transition {
  id: string;
  name: string;
  toStatusName: string;
  toStatusCategory: StatusCategory;
}

export interface JiraClient {
  readonly flavor: JiraFlavor;
  createTicket(input: CreateTicketInput): Promise<CreatedTicket>;
  /** Tickets of a project carrying a label (bounded JQL, all pages). */
  findTicketsByLabel(projectKey: string, label: string): Promise<TicketState[]>;
  getTicket(key: string): Promise<TicketState>;
  listTransitions(key: string): Promise<Transition[]>;
  transition(key: string, transitionId: string): Promise<void>;
  addComment(key: string, markdown: string): Promise<void>;
  /** Whether the credentials are accepted (GET myself); throws a JiraError otherwise. */
  checkAccess(): Promise<void>;
  /** Project metadata (issue types, components), cached per client for a few minutes. */
  getProject(key: string): Promise<{ key: string; name: string; issueTypes: string[]; components: string[] }>;
  /** Projects the credentials can see (Cloud: project/search, all pages up to 1,000; Data Center: project). */
  listProjects(): Promise<JiraProjectSummary[]>;
  /** Whether the credentials hold each permission (e.g. BROWSE_PROJECTS, CREATE_ISSUES) in a project. */
  myPermissions(projectKey: string, permissions: string[]): Promise<Record<string, boolean>>;
}

export interface JiraProjectSummary {
  key: string;
  name: string;
}

export type JiraErrorKind =
  /** 429: retry after `retryAfterSeconds`. */
  | "rate_limited"
  /** 5xx, timeouts, network errors: retry with backoff. */
  | "transient"
  /** 400/404/409...: retrying the same request cannot succeed; `messages` says why. */
  | "permanent"
  /** 401/403: the connection's credentials are wrong or lack permission. */
  | "auth";
