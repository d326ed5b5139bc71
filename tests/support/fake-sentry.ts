// An in-process Sentry REST API on 127.0.0.1 for what reconciliation reads: "List an Organization's
// Issues" (`query` with is:<status> and firstSeen:-<n><unit>, `project` ids or -1, `statsPeriod`,
// `sort=new`, `limit` ≤ 100, cursor pagination with Sentry's Link header) and "List an Organization's
// Projects". Items have the shape of a webhook's `data.issue` (the self-hosted capture in
// tests/fixtures/captured). Checks the Bearer token (401 otherwise), logs every request, and injects faults.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSentryProject {
  id: string;
  slug: string;
  platform?: string;
}

export interface FakeSentryIssueInput {
  id: string;
  project: FakeSentryProject;
  title?: string;
  /** Minutes ago; the issue's lastSeen is a minute after it (capped at now). */
  firstSeenMinutesAgo: number;
  status?: "unresolved" | "resolved" | "ignored";
  substatus?: string | null;
  priority?: "high" | "medium" | "low" | null;
}

export type FakeSentryFault = { kind: "status"; status: number } | { kind: "rate-limit"; retryAfter: number };

export interface FakeSentryRequest {
  method: string;
  path: string;
  /** Repeated parameters (project) keep every value. */
  query: Record<string, string[]>;
  authorization: string | undefined;
  status: number;
}

export interface FakeSentry {
  url: string;
  log: FakeSentryRequest[];
  /** Server-side page size cap (Sentry's is 100). */
  maxPerPage: number;
  addProject(project: FakeSentryProject): void;
  addIssue(input: FakeSentryIssueInput): Record<string, unknown>;
  setToken(token: string): void;
  /** Applies `fault` to the next `times` (default 1) requests. */
  injectFault(fault: FakeSentryFault, times?: number): void;
  close(): Promise<void>;
}

const ORG_PATH = /^\/api\/0\/organizations\/([^/]+)\/(issues|projects)\/$/;
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

function issueJson(base: string, org: string, input: FakeSentryIssueInput): Record<string, unknown> {
  const now = Date.now();
  const firstSeen = new Date(now - input.firstSeenMinutesAgo * 60_000);
  const lastSeen = new Date(Math.min(now, firstSeen.getTime() + 60_000));
  const short = input.project.slug.toUpperCase();
  const iso = (date: Date) => date.toISOString().replace("Z", "000Z");
  return {
    id: input.id,
    shareId: null,
    shortId: `${short}-${input.id}`,
    title: input.title ?? `TypeError: Cannot read properties of undefined (reading 'x') #${input.id}`,
    culprit: "Screen",
    permalink: `${base}/organizations/${org}/issues/${input.id}/`,
    logger: null,
    level: "error",
    status: input.status ?? "unresolved",
    statusDetails: {},
    substatus: input.substatus === undefined ? "new" : input.substatus,
    isPublic: false,
    platform: "javascript",
    project: {
      id: input.project.id,
      name: input.project.slug,
      slug: input.project.slug,
      platform: input.project.platform ?? "javascript-vue",
    },
    type: "error",
    metadata: {
      value: "Cannot read properties of undefined (reading 'x')",
      type: "TypeError",
      filename: "src/screen.ts",
      function: "Array.forEach",
      in_app_frame_mix: "in-app-only",
      initial_priority: 75,
      title: null,
    },
    numComments: 0,
    assignedTo: null,
    isBookmarked: false,
    isSubscribed: false,
    subscriptionDetails: null,
    hasSeen: false,
    annotations: [],
    issueType: "error",
    issueCategory: "error",
    priority: input.priority === undefined ? "high" : input.priority,
    priorityLockedAt: null,
    isUnhandled: false,
    count: "3",
    userCount: 1,
    firstSeen: iso(firstSeen),
    lastSeen: iso(lastSeen),
    stats: { "24h": [] },
  };
}

/** The subset of Sentry's issue search the poll uses; anything else is a 400, as Sentry answers a bad query. */
function matchesQuery(issue: Record<string, unknown>, query: string): boolean | "invalid" {
  for (const token of query.trim().split(/\s+/).filter(Boolean)) {
    const status = /^is:(unresolved|resolved|ignored)$/.exec(token);
    const age = /^firstSeen:-(\d+)([smhdw])$/.exec(token);
    if (status) {
      if (issue.status !== status[1]) return false;
    } else if (age) {
      if (Date.parse(String(issue.firstSeen)) < Date.now() - Number(age[1]) * UNITS[age[2]!]! * 1000) return false;
    } else return "invalid";
  }
  return true;
}

function periodStart(statsPeriod: string | null): number | "invalid" {
  if (!statsPeriod) return Date.now() - 14 * 86_400_000;
  const match = /^(\d+)([smhdw])$/.exec(statsPeriod);
  return match ? Date.now() - Number(match[1]) * UNITS[match[2]!]! * 1000 : "invalid";
}

function linkHeader(
  base: string,
  path: string,
  params: URLSearchParams,
  offset: number,
  perPage: number,
  total: number,
): string {
  const link = (cursor: string, rel: string, results: boolean) => {
    const next = new URLSearchParams(params);
    next.set("cursor", cursor);
    return `<${base}${path}?${next}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  };
  const previous = `0:${Math.max(0, offset - perPage)}:1`;
  return `${link(previous, "previous", offset > 0)}, ${link(`0:${offset + perPage}:0`, "next", offset + perPage < total)}`;
}

export async function startFakeSentry(options: { token: string; org: string }): Promise<FakeSentry> {
  const projects: FakeSentryProject[] = [];
  const inputs: FakeSentryIssueInput[] = [];
  const log: FakeSentryRequest[] = [];
  const faults: { fault: FakeSentryFault; left: number }[] = [];
  let token = options.token;
  let base = "";

  const answer = (
    res: ServerResponse,
    entry: FakeSentryRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    entry.status = status;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const fake: FakeSentry = {
    url: "",
    log,
    maxPerPage: 100,
    addProject: (project) => void projects.push(project),
    addIssue: (input) => {
      inputs.push(input);
      return issueJson(base, options.org, input);
    },
    setToken: (next) => void (token = next),
    injectFault: (fault, times = 1) => void faults.push({ fault, left: times }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
    const entry: FakeSentryRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query,
      authorization: req.headers.authorization,
      status: 0,
    };
    log.push(entry);
    const faulty = faults.find((f) => f.left > 0);
    if (faulty) {
      faulty.left -= 1;
      if (faulty.fault.kind === "rate-limit") {
        return answer(
          res,
          entry,
          429,
          { detail: "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds" },
          { "retry-after": String(faulty.fault.retryAfter) },
        );
      }
      return answer(res, entry, faulty.fault.status, { detail: "Internal Error", errorId: "fake" });
    }
    if (req.headers.authorization !== `Bearer ${token}`) return answer(res, entry, 401, { detail: "Invalid token" });
    const match = ORG_PATH.exec(url.pathname);
    if (req.method !== "GET" || !match)
      return answer(res, entry, 404, { detail: "The requested resource does not exist" });
    if (decodeURIComponent(match[1]!) !== options.org)
      return answer(res, entry, 404, { detail: "The requested resource does not exist" });

    const perPage = Math.min(
      fake.maxPerPage,
      Number(url.searchParams.get("limit") ?? url.searchParams.get("per_page") ?? 100) || 100,
    );
    const offset = Number(/^\d+:(\d+):[01]$/.exec(url.searchParams.get("cursor") ?? "")?.[1] ?? 0);
    const page = (items: unknown[]) =>
      answer(res, entry, 200, items.slice(offset, offset + perPage), {
        link: linkHeader(base, url.pathname, url.searchParams, offset, perPage, items.length),
      });

    if (match[2] === "projects")
      return page(
        projects.map((p) => ({
          id: p.id,
          slug: p.slug,
          name: p.slug,
          platform: p.platform ?? null,
          status: "active",
          isMember: true,
          hasAccess: true,
        })),
      );

    const since = periodStart(url.searchParams.get("statsPeriod"));
    const projectIds = url.searchParams.getAll("project");
    const all = projectIds.length === 0 || projectIds.includes("-1");
    const issues = inputs.map((input) => issueJson(base, options.org, input));
    const matched = issues.map((issue) => matchesQuery(issue, url.searchParams.get("query") ?? "is:unresolved"));
    if (since === "invalid" || matched.includes("invalid"))
      return answer(res, entry, 400, { detail: "Invalid search query" });
    const listed = issues
      .filter((issue, index) => matched[index] === true && Date.parse(String(issue.lastSeen)) >= since)
      .filter((issue) => all || projectIds.includes(String((issue.project as { id: string }).id)))
      // sort=new: newest first seen first; the default (date): most recently seen first.
      .sort((a, b) => {
        const field = url.searchParams.get("sort") === "new" ? "firstSeen" : "lastSeen";
        return Date.parse(String(b[field])) - Date.parse(String(a[field]));
      });
    return page(listed);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = base;
  return fake;
}
