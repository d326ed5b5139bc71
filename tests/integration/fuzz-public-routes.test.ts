// Property-based fuzzing of every public route of the running server (issue 11 §8): generated
// methods, paths, query strings, headers and bodies, then correctly signed mutations of valid
// deliveries. Whatever arrives, the server answers (no hang, no closed socket), never with a 5xx,
// and nothing is created from an unauthenticated request. Each phase is bounded in time, so the
// file takes about a minute; a failure prints the shrunk request and fast-check's seed (FUZZ_SEED=…
// replays it).
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { signJiraBody } from "@/lib/jira-sync/inbound/verify-jira-signature";
import { recordTicket } from "@/lib/jira-sync/record-ticket";
import { signSentryBody } from "@/lib/sources/sentry/verify-signature";
import { startTestApp, type TestApp } from "../support/app";
import { createGlitchTipMapping, glitchtipAlert, glitchtipAttachment, uptimeAlert } from "../support/glitchtip";
import { createQueuedIssue } from "../support/jira-sync";
import { jiraStatusChange } from "../support/jira-webhook";
import { type RawAnswer, rawRequest } from "../support/raw-http";
import { sentryIssuePayload, TEST_SENTRY_SECRET } from "../support/sentry";
import { ensureUser } from "../support/session";

const SECRETS_KEY = randomBytes(32).toString("hex");
const JIRA_SECRET = "fuzz-jira-secret";
/** A request the server has not answered after this long counts as a hang. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Each phase stops generating after this long (or after its number of runs); FUZZ_PHASE_MS=600000 hunts longer. */
const PHASE_MS = Number(process.env.FUZZ_PHASE_MS) || 25_000;
const RUNS = PHASE_MS > 25_000 ? 1_000_000 : 2_000;
let app: TestApp;
let glitchtip: { id: string; token: string };
let ticketKey: string;
const ticketId = "31337";

beforeAll(async () => {
  app = await startTestApp("fuzz_routes", { SECRETS_KEY, WORKER_IN_WEB: "false" });
  // An admin exists, so /setup is closed like on any installed server: it creates nobody.
  await ensureUser(app.db, { email: "admin@fuzz.test", password: "fuzz-admin-password", role: "admin" });
  const box = new SecretBox(keyFromEnvValue(SECRETS_KEY));
  const project = await app.db.project.create({ data: { key: "FUZZ", name: "Fuzz" } });
  const connection = await app.db.jiraConnection.create({
    data: {
      name: "site",
      baseUrl: "http://127.0.0.1:9",
      email: "bot@fuzz.test",
      tokenEncrypted: box.seal("t"),
      webhookSecretEncrypted: box.seal(JIRA_SECRET),
    },
  });
  const mapping = await app.db.sourceMapping.create({
    data: {
      source: "sentry",
      externalProject: "web-app",
      projectId: project.id,
      jiraConnectionId: connection.id,
      jiraProjectKey: "OPS",
    },
  });
  glitchtip = await createGlitchTipMapping(app.db, {
    projectId: project.id,
    externalProject: "acme/web",
    jiraProjectKey: "OPS",
  });
  await app.db.sourceMapping.update({ where: { id: glitchtip.id }, data: { jiraConnectionId: connection.id } });
  // A ticket we opened, so that mutated Jira deliveries reach the code that acts on one.
  const issue = await createQueuedIssue(
    app.db,
    { projectId: project.id, connectionId: connection.id, mappingId: mapping.id },
    "Fuzzed ticket",
  );
  const ticket = await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId: issue.id } });
  ticketKey = "OPS-1";
  await recordTicket(
    app.db,
    ticket,
    { id: ticketId, key: ticketKey, url: `http://127.0.0.1:9/browse/${ticketKey}` },
    { recovered: false, category: "new", resolution: null },
  );
});

afterAll(async () => {
  await app?.stop();
});

interface FuzzRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: string | Buffer;
}

function send(request: FuzzRequest): Promise<RawAnswer> {
  const headers = request.headers.map(([name, value]) => `${name}: ${value}\r\n`).join("");
  const head = `${request.method} ${request.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Length: ${Buffer.byteLength(request.body)}`;
  return rawRequest(app.url, head, request.body, REQUEST_TIMEOUT_MS);
}

/** The server answered in time, and not with a 5xx. */
function expectAnswered(request: FuzzRequest, answer: RawAnswer): void {
  const shown = { ...request, body: String(request.body).slice(0, 300) };
  expect(answer.timedOut, `hang: ${JSON.stringify(shown)}`).toBe(false);
  expect(answer.status, `no answer: ${JSON.stringify(shown)}`).not.toBeNull();
  expect(answer.status!, `${answer.status} ${answer.body.slice(0, 300)} for ${JSON.stringify(shown)}`).toBeLessThan(
    500,
  );
}

// ── Generators ───────────────────────────────────────────────────────────────────────────────────

/** Strings that have broken parsers before: bad escapes, NUL, lone surrogates, odd dates, huge ids. */
const hostileText = fc.constantFrom(
  "%ff",
  "%00",
  "%ED%A0%80",
  "%E2%80%A8",
  "%",
  "%%",
  "..",
  "%2e%2e",
  "%2F",
  "\u0000",
  "\ud800",
  "\udfff",
  "😀",
  "\u2028",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "253402300800",
  "1e400",
  "-1",
  "NaN",
  "null",
  "[]",
  "{}",
  "javascript:alert(1)",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "__proto__",
  "constructor",
  "x".repeat(5_000),
  "9".repeat(300),
);
const text = fc.oneof(hostileText, fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 20 }));
/** Percent-encoded for a URL (a lone surrogate has no UTF-8 form: it becomes U+FFFD, "%ED%A0%80" covers it). */
const encoded = text.map((value) => encodeURIComponent(value.toWellFormed()));
/** ASCII that may appear unencoded in a request target, plus stray percent signs. */
const rawUrlText = fc.string({ unit: fc.constantFrom(..."%abcfF0129/.-_~!$&'()*+,;=:@"), maxLength: 24 });
const segment = fc.oneof(
  encoded,
  rawUrlText,
  fc.constantFrom("%ff", "%00", "%ED%A0%80", "%c0%af", "%2e%2e", ""),
  fc.uuid(),
);

const ROUTES = [
  "/api/sentry/webhook",
  "/api/glitchtip/webhook/{}",
  "/api/v1/alert/{}",
  "/api/jira/webhook",
  "/api/health",
  "/api/health/bare",
  "/api/auth/{}",
  "/api/auth/callback/{}",
  "/api/auth/session",
  "/api/auth/csrf",
  "/api/auth/providers",
  "/api/auth/signin",
  "/api/auth/signout",
  "/api/auth/callback/credentials",
  "/signin",
  "/setup",
  "/",
  "/issues",
  "/issues/{}",
  "/admin",
  "/api/admin/projects",
  "/api/admin/mappings",
  "/api/admin/mappings/{}",
  "/api/admin/mappings/{}/webhook-token",
  "/api/admin/jira-connections",
  "/api/admin/jira-connections/{}",
  "/{}",
  "/_next/static/{}",
];
const QUERY_KEYS = [
  "token",
  "labels",
  "components",
  "issue_type",
  "q",
  "status",
  "sort",
  "cursor",
  "page",
  "error",
  "csrf",
  "url",
  "w",
  "_rsc",
];
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), rawUrlText), fc.oneof(encoded, rawUrlText)), {
    maxLength: 4,
  })
  .map((pairs) => (pairs.length === 0 ? "" : `?${pairs.map(([key, value]) => `${key}=${value}`).join("&")}`));
const path = fc
  .tuple(fc.constantFrom(...ROUTES), segment, query)
  .map(([route, part, search]) => `${route.replace("{}", part)}${search}`);

const HEADER_NAMES = [
  "content-type",
  "authorization",
  "cookie",
  "origin",
  "accept",
  "accept-encoding",
  "range",
  "if-none-match",
  "x-forwarded-host",
  "x-forwarded-proto",
  "sentry-hook-resource",
  "sentry-hook-timestamp",
  "sentry-hook-signature",
  "request-id",
  "x-hub-signature",
  "x-atlassian-webhook-identifier",
  "next-action",
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-url",
  "x-middleware-subrequest",
  "upgrade",
];
/** What a header value may hold on the wire: visible ASCII and spaces (anything else the parser answers 400 itself). */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 60,
});
const headerValue = fc.oneof(
  headerText,
  fc.constantFrom(
    "application/json",
    "text/plain;charset=UTF-8",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "text/x-component",
    "Bearer x",
    `Bearer ${"a".repeat(600)}`,
    "next-auth.session-token=garbage",
    "next-auth.csrf-token=a%7Cb; next-auth.session-token=e30.e30.e30",
    "issue",
    "event_alert",
    "installation",
    "253402300800",
    "1e400",
    "sha256=00",
    `sha256=${"0".repeat(64)}`,
    "1",
    "websocket",
    "%ff",
    "bytes=5-1",
  ),
);
const headers = fc.uniqueArray(fc.tuple(fc.constantFrom(...HEADER_NAMES), headerValue), {
  maxLength: 4,
  selector: ([name]) => name,
});
const body = fc.oneof(
  fc.constant(""),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    "{",
    '{"action":"created","data":{}}',
    '{"attachments":[]}',
    '{"webhookEvent":"jira:issue_updated"}',
    "null",
    "[]",
    "\u0000",
  ),
);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO"];
const request: fc.Arbitrary<FuzzRequest> = fc.record({ method: fc.constantFrom(...METHODS), path, headers, body });

// ── Mutations of valid deliveries ─────────────────────────────────────────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON value: the value at `path` is replaced (or, with `undefined`, removed). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const inner = Array.isArray(value)
    ? value.flatMap((item, index) => paths(item, [...prefix, index]))
    : value !== null && typeof value === "object"
      ? Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))
      : [];
  return [prefix, ...inner];
}

function replaceAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: Json = Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) };
  const next = replaceAt((copy as Record<string | number, Json>)[head!]!, rest, replacement);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete (copy as Record<string, Json>)[head as string];
  } else (copy as Record<string | number, Json>)[head!] = next;
  return copy;
}

const replacement: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  text,
  fc.constantFrom<Json>(
    0,
    -1,
    1e308,
    2 ** 53 + 1,
    253402300800,
    true,
    [],
    {},
    "",
    Array.from({ length: 5_000 }, (_, i) => String(i % 10)).join(""),
  ),
);
/** Up to three edits, each at a place picked by index among the payload's places. */
const mutations = fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 });

function mutate(payload: Json, edits: [number, Json | undefined][]): Json {
  let current: Json = payload;
  for (const [pick, value] of edits) {
    const places = paths(current);
    current = replaceAt(current, places[pick % places.length]!, value) ?? null;
  }
  return current;
}

type Sender = "sentry" | "glitchtip" | "bridge" | "jira";
const SENTRY_RESOURCES = ["issue", "event_alert", "error", "installation", "comment"];

function signedRequest(
  sender: Sender,
  bytes: Buffer,
  resource: string,
  timestamp: string,
  extraQuery: string,
): FuzzRequest {
  switch (sender) {
    case "sentry":
      return {
        method: "POST",
        path: "/api/sentry/webhook",
        headers: [
          ["content-type", "application/json"],
          ["sentry-hook-resource", resource],
          ["sentry-hook-timestamp", timestamp],
          ["sentry-hook-signature", signSentryBody(bytes, TEST_SENTRY_SECRET)],
        ],
        body: bytes,
      };
    case "glitchtip":
      return {
        method: "POST",
        path: `/api/glitchtip/webhook/${glitchtip.id}?token=${glitchtip.token}${extraQuery}`,
        headers: [["content-type", "application/json"]],
        body: bytes,
      };
    case "bridge":
      return {
        method: "POST",
        path: `/api/v1/alert/OPS?token=${glitchtip.token}${extraQuery}`,
        headers: [["content-type", "application/json"]],
        body: bytes,
      };
    case "jira":
      return {
        method: "POST",
        path: "/api/jira/webhook",
        headers: [
          ["content-type", "application/json"],
          ["x-hub-signature", signJiraBody(bytes, JIRA_SECRET)],
          ["x-atlassian-webhook-identifier", randomBytes(8).toString("hex")],
        ],
        body: bytes,
      };
  }
}

function validPayload(sender: Sender, variant: number): Json {
  const id = String(700_000 + (variant % 50));
  switch (sender) {
    case "sentry": {
      const actions = [
        { action: "created" },
        { action: "unresolved", substatus: "regressed" },
        { action: "resolved" },
        { action: "assigned" },
      ] as const;
      return sentryIssuePayload({ id, ...actions[variant % actions.length]! }) as unknown as Json;
    }
    case "glitchtip":
    case "bridge":
      return (variant % 3 === 0
        ? uptimeAlert(id, variant % 2 === 0 ? "down" : "up")
        : glitchtipAlert([
            glitchtipAttachment({ id }),
            glitchtipAttachment({ id: Number(id) + 1 }),
          ])) as unknown as Json;
    case "jira":
      return jiraStatusChange(
        ticketKey,
        variant % 2 === 0 ? { name: "Done", category: "done", resolution: "Done" } : { name: "To Do", category: "new" },
        ticketId,
      ) as unknown as Json;
  }
}

const signedMutation = fc
  .record({
    sender: fc.constantFrom<Sender>("sentry", "glitchtip", "bridge", "jira"),
    variant: fc.nat(),
    edits: mutations,
    resource: fc.oneof(fc.constant("issue"), fc.constantFrom(...SENTRY_RESOURCES), headerText),
    timestamp: fc.oneof(fc.constant(String(Math.floor(Date.now() / 1000))), headerValue),
    extraQuery: query.map((search) => search.replace("?", "&")),
  })
  .map(({ sender, variant, edits, resource, timestamp, extraQuery }) => {
    const bytes = Buffer.from(JSON.stringify(mutate(validPayload(sender, variant), edits)));
    return signedRequest(sender, bytes, resource, timestamp, extraQuery);
  });

// ── Properties ────────────────────────────────────────────────────────────────────────────────────

async function counts() {
  const [issues, externalIssues, users, tickets, comments] = await Promise.all([
    app.db.issue.count(),
    app.db.externalIssue.count(),
    app.db.user.count(),
    app.db.jiraTicket.count(),
    app.db.comment.count(),
  ]);
  return { issues, externalIssues, users, tickets, comments };
}

/** Runs `arbitrary` batches of concurrent requests until PHASE_MS or `numRuns`; returns how many requests were sent. */
async function fuzz(arbitrary: fc.Arbitrary<FuzzRequest>, numRuns: number): Promise<number> {
  let sent = 0;
  await fc.assert(
    // Two at a time: enough for races, little enough to leave the other test files (run beside this one) their share of 2 cores.
    fc.asyncProperty(fc.array(arbitrary, { minLength: 1, maxLength: 2 }), async (batch) => {
      const answers = await Promise.all(batch.map(send));
      sent += batch.length;
      for (const [index, item] of batch.entries()) expectAnswered(item, answers[index]!);
    }),
    {
      numRuns,
      interruptAfterTimeLimit: PHASE_MS,
      markInterruptAsFailure: false,
      ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
    },
  );
  return sent;
}

describe("fuzzing the running server", () => {
  it(
    "unauthenticated requests of any shape: answered, never a 5xx, nothing created",
    async () => {
      const before = await counts();
      const started = Date.now();
      const sent = await fuzz(request, RUNS);
      console.log(`[fuzz] unauthenticated: ${sent} requests in ${Date.now() - started} ms`);
      expect(sent).toBeGreaterThan(100);
      expect(await counts()).toEqual(before);
    },
    PHASE_MS + 600_000,
  );

  it(
    "correctly signed mutations of valid Sentry, GlitchTip and Jira deliveries: answered, never a 5xx",
    async () => {
      const started = Date.now();
      const sent = await fuzz(signedMutation, RUNS);
      console.log(`[fuzz] signed mutations: ${sent} requests in ${Date.now() - started} ms`);
      expect(sent).toBeGreaterThan(100);
      const failed = await app.db.webhookDelivery.findMany({
        where: { outcome: "failed" },
        select: { source: true, reason: true },
        take: 5,
      });
      expect(failed, "deliveries that failed inside the pipeline").toEqual([]);
    },
    PHASE_MS + 600_000,
  );
});
