// Signed Sentry deliveries for tests and benchmarks, over the exact bytes given.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { signSentryBody } from "../../lib/sources/sentry/verify-signature";

export const SENTRY_FIXTURES_DIR = fileURLToPath(new URL("../fixtures/captured/sentry/", import.meta.url));
export const TEST_SENTRY_SECRET = "test-sentry-client-secret";

export function readSentryFixture(name: string): Buffer {
  return readFileSync(`${SENTRY_FIXTURES_DIR}${name}`);
}

export interface PostSentryOptions {
  resource?: string;
  secret?: string;
  signature?: string | null;
  headers?: Record<string, string>;
}

export async function postSentry(
  baseUrl: string,
  body: Buffer | string,
  options: PostSentryOptions = {},
): Promise<Response> {
  const signature =
    options.signature === undefined ? signSentryBody(body, options.secret ?? TEST_SENTRY_SECRET) : options.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "sentry-hook-resource": options.resource ?? "issue",
    "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)),
    "request-id": crypto.randomUUID().replaceAll("-", ""),
    ...options.headers,
  };
  if (signature !== null) headers["sentry-hook-signature"] = signature;
  return fetch(`${baseUrl}/api/sentry/webhook`, { method: "POST", body: new Uint8Array(Buffer.from(body)), headers });
}

/** A realistic `issue.created` payload (current Sentry shape) for a given id and project. */
export function sentryIssuePayload(overrides: {
  id: string;
  slug?: string;
  title?: string;
  action?: string;
  substatus?: string | null;
  priority?: string | null;
}) {
  const slug = overrides.slug ?? "web-app";
  const id = overrides.id;
  return {
    action: overrides.action ?? "created",
    installation: { uuid: "7a2d4e4c-3c1b-4f9a-9d9e-0f1e2d3c4b5a" },
    data: {
      issue: {
        id,
        shortId: `${slug.toUpperCase()}-${id}`,
        title: overrides.title ?? `TypeError: Cannot read properties of undefined (reading 'id') #${id}`,
        culprit: "handleClick(src/components/Button.tsx)",
        permalink: null,
        web_url: `https://sentry.example.com/organizations/acme/issues/${id}/`,
        level: "error",
        status: "unresolved",
        substatus: overrides.substatus === undefined ? "new" : overrides.substatus,
        priority: overrides.priority === undefined ? "high" : overrides.priority,
        platform: "javascript",
        project: { id: "42", name: slug, slug, platform: "javascript-react" },
        metadata: {
          type: "TypeError",
          value: "Cannot read properties of undefined (reading 'id')",
          filename: "src/components/Button.tsx",
          function: "handleClick",
        },
        isUnhandled: true,
        count: "3",
        userCount: 2,
        firstSeen: "2026-11-20T10:00:00.123000Z",
        lastSeen: "2026-11-20T10:05:00.456000+00:00",
      },
    },
    actor: { type: "application", id: "sentry", name: "Sentry" },
  };
}

export const OWN_SENTRY_FIXTURES_DIR = fileURLToPath(new URL("../fixtures/sentry/", import.meta.url));

export function readOwnSentryFixture(name: string): Buffer {
  return readFileSync(`${OWN_SENTRY_FIXTURES_DIR}${name}`);
}

/** external_issue.metadata stored for the shared `issue_created.docs.json` fixture (the Sentry contract's fields, docs/sentry-contract.md). */
export const DOCS_FIXTURE_METADATA = {
  shortId: "FRONT-END-9",
  project: { id: "1", name: "front-end", slug: "front-end", platform: "" },
  substatus: "escalating",
  priority: null,
  level: "error",
  platform: "javascript",
};
