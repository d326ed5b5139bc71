// Signed Sentry deliveries of one fixed size for all three scenarios, and the bookkeeping of what
// the server answered (so the benchmark can check that no issue was lost or duplicated).
import type pg from "pg";
import { signSentryBody } from "../../lib/sources/sentry/verify-signature";
import { sentryIssuePayload, TEST_SENTRY_SECRET } from "../../tests/support/sentry";
import type { AutocannonRequest } from "./autocannon";

/** Sentry issue ids are numeric strings; all ids used here have exactly 10 digits, so every body has the same size. */
const ID_WIDTH = 10;
const FIRST_NEW_ID = 5_000_000_000;
export const DUPLICATE_ID = "4999999999";
const PLACEHOLDER = "#".repeat(ID_WIDTH);
const WEBHOOK_PATH = "/api/sentry/webhook";
export const BARE_PATH = "/api/health/bare";

const bodyParts = JSON.stringify(sentryIssuePayload({ id: PLACEHOLDER, slug: "web-app" })).split(PLACEHOLDER);

export function deliveryBody(id: string): string {
  if (id.length !== ID_WIDTH) throw new Error(`bench ids must have ${ID_WIDTH} digits: ${id}`);
  return bodyParts.join(id);
}

export const BODY_BYTES = Buffer.byteLength(deliveryBody(DUPLICATE_ID));

let requestCounter = 0;

/** The headers Sentry sends, signed over the exact body. Every value has a fixed width. */
export function deliveryHeaders(body: string): Record<string, string> {
  requestCounter += 1;
  return {
    "content-type": "application/json",
    "user-agent": BENCH_USER_AGENT,
    "request-id": requestCounter.toString(16).padStart(32, "0"),
    "sentry-hook-resource": "issue",
    "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)),
    "sentry-hook-signature": signSentryBody(body, TEST_SENTRY_SECRET),
  };
}

interface WebhookAnswer {
  success?: boolean;
  deduplicated?: boolean;
  issue?: { id: string; identifier: string };
  sentry?: { id: string };
}

function parseAnswer(body: string): WebhookAnswer | null {
  try {
    return JSON.parse(body) as WebhookAnswer;
  } catch {
    return null;
  }
}

/** Every new-issue id handed out, and what the server said about it. Shared by warm-up and measured runs. */
export class NewIssueLedger {
  private next = FIRST_NEW_ID;
  readonly sent = new Set<string>();
  /** id → identifier, for 200 answers that said "created". */
  readonly created = new Map<string, string>();
  /** ids answered 200 but "deduplicated" (must not happen: every id is new). */
  readonly unexpectedDuplicates = new Set<string>();
  /** ids answered with a non-2xx status, with the status. */
  readonly failed = new Map<string, number>();
  unreadable = 0;

  nextId(): string {
    const id = String(this.next++);
    this.sent.add(id);
    return id;
  }

  /** `sentId` is the id this connection sent (autocannon keeps one request in flight per connection). */
  record(status: number, body: string, sentId?: string): void {
    const answer = parseAnswer(body);
    const id = answer?.sentry?.id ?? sentId;
    if (status === 200 && answer?.success && id && answer.issue) {
      if (answer.deduplicated) this.unexpectedDuplicates.add(id);
      else this.created.set(id, answer.issue.identifier);
    } else if (id) {
      this.failed.set(id, status);
    } else {
      this.unreadable += 1;
    }
  }

  request(): AutocannonRequest {
    return {
      method: "POST",
      path: WEBHOOK_PATH,
      // With pipelining 1 a connection's context belongs to its one request in flight: autocannon calls
      // onResponse with the context that setupRequest filled, then builds the next request.
      setupRequest: (request, context) => {
        const id = this.nextId();
        context.id = id;
        const body = deliveryBody(id);
        request.body = body;
        request.headers = deliveryHeaders(body);
        return request;
      },
      onResponse: (status, body, context) =>
        this.record(status, body, typeof context.id === "string" ? context.id : undefined),
    };
  }
}

/** Answers to duplicate deliveries: each must be 200, "deduplicated", and name the one tracked issue. */
export class DuplicateChecker {
  ok = 0;
  wrong = 0;
  constructor(private readonly identifier: string) {}

  request(): AutocannonRequest {
    return {
      method: "POST",
      path: WEBHOOK_PATH,
      // Re-signed per request like a real sender (same cost as the new-issue scenario's signing).
      setupRequest: (request) => {
        const body = deliveryBody(DUPLICATE_ID);
        request.body = body;
        request.headers = deliveryHeaders(body);
        return request;
      },
      onResponse: (status, body) => {
        const answer = parseAnswer(body);
        if (status === 200 && answer?.deduplicated && answer.issue?.identifier === this.identifier) this.ok += 1;
        else this.wrong += 1;
      },
    };
  }
}

/** The bare route gets the very same bytes and headers. */
export function bareRequest(): AutocannonRequest {
  return {
    method: "POST",
    path: BARE_PATH,
    setupRequest: (request) => {
      const body = deliveryBody(DUPLICATE_ID);
      request.body = body;
      request.headers = deliveryHeaders(body);
      return request;
    },
    onResponse: () => {},
  };
}

/** One signed delivery outside the load (seeds the duplicate; warms the server up). */
export async function postDelivery(url: string, id: string): Promise<{ status: number; body: WebhookAnswer }> {
  const body = deliveryBody(id);
  const response = await fetch(`${url}${WEBHOOK_PATH}`, { method: "POST", body, headers: deliveryHeaders(body) });
  return { status: response.status, body: (await response.json()) as WebhookAnswer };
}

export type Scenario = "bare" | "duplicate" | "new-issue";
export const SCENARIOS: Scenario[] = ["bare", "duplicate", "new-issue"];

/** Waits until the server has finished every delivery it accepted (aborted connections included). */
export async function waitForOutcomes(db: pg.Pool): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_delivery WHERE outcome = 'received'`,
    );
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.warn("  (deliveries still in 'received' after 30 s)");
}

const BENCH_USER_AGENT = "sentry-bench/1.0";

/**
 * Deliveries this benchmark did not send (another process on the machine that found the server's
 * port, e.g. a test whose own server lost a port race). They would distort every number, so they are counted.
 */
export async function foreignDeliveries(db: pg.Pool): Promise<{ count: number; userAgents: string }> {
  const { rows } = await db.query<{ ua: string | null; n: number }>(
    `SELECT headers->>'user-agent' AS ua, count(*)::int AS n FROM webhook_delivery
      WHERE headers->>'user-agent' IS DISTINCT FROM $1 GROUP BY 1 ORDER BY 2 DESC LIMIT 3`,
    [BENCH_USER_AGENT],
  );
  return {
    count: rows.reduce((sum, row) => sum + row.n, 0),
    userAgents: rows.map((row) => `${row.ua ?? "(none)"} x${row.n}`).join(", "),
  };
}
