// Where correlation gets its stack frames: an `event_alert` webhook Sentry already delivered for the
// issue, otherwise Sentry's REST latest event (served here by a local server replaying a response
// captured from open-source Sentry), with line-level evidence from the commit's patch.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github";
import { untilDescription } from "../support/jobs";
import { postSentry, readSentryFixture, sentryIssuePayload } from "../support/sentry";

let app: TestApp;
let github: FakeGitHub;
let sentryApi: Server;
const sentryRequests: { path: string; authorization?: string }[] = [];

beforeAll(async () => {
  github = await startFakeGitHub();
  github.setRepo("acme/web", {
    commits: [
      {
        sha: "aaaa000000000000000000000000000000000001",
        message: "fix: divide by the count",
        author: { name: "Ada Lovelace", email: "ada@acme.test", login: "ada" },
        date: "2020-05-02T12:00:00Z",
        files: [
          {
            filename: "errors/views.py",
            patch:
              "@@ -16,3 +16,3 @@\n     def get(self, request):\n-        return 1 / 1\n+        return 1 / 0\n     # end",
          },
        ],
      },
      {
        sha: "bbbb000000000000000000000000000000000002",
        message: "feat: checkout widget",
        author: { name: "Grace Hopper", email: "grace@acme.test", login: "grace" },
        date: "2026-11-20T09:00:00Z",
        files: [{ filename: "src/widgets/checkout.js", patch: "@@ -40,2 +40,3 @@\n   render();\n+  mount(el);\n }" }],
      },
    ],
  });
  const latestEvent = readSentryFixture("sentry_api_latest_event.python_zero_division.oss.json");
  sentryApi = createServer((request, response) => {
    sentryRequests.push({ path: request.url ?? "", authorization: request.headers.authorization });
    const known = request.url === "/api/0/organizations/acme/issues/64/events/latest/";
    response.writeHead(known ? 200 : 404, { "content-type": "application/json" });
    response.end(known ? latestEvent : '{"detail":"The requested resource does not exist"}');
  });
  await new Promise<void>((resolve) => sentryApi.listen(0, "127.0.0.1", resolve));
  app = await startTestApp("frames", {
    GITHUB_TOKEN: "test-token",
    GITHUB_REPO: "acme/web",
    GITHUB_API_URL: github.url,
    SENTRY_AUTH_TOKEN: "sentry-test-token",
    SENTRY_ORG: "acme",
    SENTRY_API_URL: `http://127.0.0.1:${(sentryApi.address() as AddressInfo).port}`,
    JOBS_POLL_SECONDS: "0.5",
  });
});

afterAll(async () => {
  await app?.stop();
  await github?.close();
  await new Promise((resolve) => sentryApi?.close(resolve));
});

const correlatedDescription = (id: string) => untilDescription(app.db, { id }, /## Suspected Cause/);

it("uses Sentry's latest event (Bearer token) and points at the commit that changed the crash line", async () => {
  const payload = sentryIssuePayload({ id: "64", slug: "django-app" });
  payload.data.issue.firstSeen = "2020-05-02T16:54:20.488000Z";
  payload.data.issue.metadata = {
    type: "ZeroDivisionError",
    value: "division by zero",
    filename: "errors/views.py",
    function: "get",
  };
  const { issue } = await (await postSentry(app.url, JSON.stringify(payload))).json();
  const description = await correlatedDescription(issue.id);
  expect(sentryRequests).toContainEqual({
    path: "/api/0/organizations/acme/issues/64/events/latest/",
    authorization: "Bearer sentry-test-token",
  });
  expect(description).toContain("- [`aaaa000`](");
  expect(description).toMatch(/\*\*Why:\*\*.*errors\/views\.py.*18/);
});

it("prefers frames from an event_alert webhook already delivered for the issue", async () => {
  const alert = JSON.parse(readSentryFixture("event_alert_triggered.docs.json").toString());
  alert.data.event.issue_id = "65";
  alert.data.event.exception.values[0].stacktrace.frames = [
    {
      filename: "app:///widgets/checkout.js",
      abs_path: "app:///widgets/checkout.js",
      function: "mount",
      lineno: 41,
      in_app: true,
    },
  ];
  expect((await postSentry(app.url, JSON.stringify(alert), { resource: "event_alert" })).status).toBe(200);

  const requestsBefore = sentryRequests.length;
  const payload = sentryIssuePayload({ id: "65", slug: "web-app" });
  payload.data.issue.firstSeen = "2026-11-20T10:00:00Z";
  const { issue } = await (await postSentry(app.url, JSON.stringify(payload))).json();
  const description = await correlatedDescription(issue.id);
  expect(sentryRequests.length).toBe(requestsBefore);
  expect(description).toContain("src/widgets/checkout.js");
  expect(description).toContain("- [`bbbb000`](");
});
