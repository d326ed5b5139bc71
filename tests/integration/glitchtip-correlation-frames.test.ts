// Correlation of a GlitchTip issue takes its stack frames from GlitchTip's REST latest event (a local
// fake serving a response in Sentry's camelCase shape), through the API URL and the encrypted token of
// the mapping that accepted the alert.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { startTestApp, type TestApp } from "../support/app";
import { eventually } from "../support/eventually";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github";
import { type FakeGlitchTip, startFakeGlitchTip } from "../support/fake-glitchtip";
import {
  createGlitchTipMapping,
  glitchtipAlert,
  glitchtipAttachment,
  postGlitchTip,
  uptimeAlert,
} from "../support/glitchtip";
import { jobStatesOf, untilDescription } from "../support/jobs";
import { readSentryFixture } from "../support/sentry";

const SECRETS_KEY = randomBytes(32).toString("hex");
const GLITCHTIP_TOKEN = "glitchtip-api-token";
let app: TestApp;
let github: FakeGitHub;
let glitchtip: FakeGlitchTip;
let mapping: { id: string; token: string };

beforeAll(async () => {
  github = await startFakeGitHub();
  github.setRepo("acme/web", {
    commits: [
      {
        sha: "aaaa000000000000000000000000000000000001",
        message: "fix: divide by the count",
        author: { name: "Ada Lovelace", email: "ada@acme.test", login: "ada" },
        // Within the window before the alert (GlitchTip sends no first-seen; the alert's arrival stands in).
        date: new Date(Date.now() - 60 * 60_000).toISOString().replace(/\.\d+Z$/, "Z"),
        files: [
          {
            filename: "errors/views.py",
            patch:
              "@@ -16,3 +16,3 @@\n     def get(self, request):\n-        return 1 / 1\n+        return 1 / 0\n     # end",
          },
        ],
      },
    ],
  });
  glitchtip = await startFakeGlitchTip({ token: GLITCHTIP_TOKEN });
  glitchtip.setLatestEvent("4242", readSentryFixture("sentry_api_latest_event.python_zero_division.oss.json"));
  app = await startTestApp("gt_frames", {
    SECRETS_KEY,
    GITHUB_TOKEN: "test-token",
    GITHUB_REPO: "acme/web",
    GITHUB_API_URL: github.url,
    JOBS_POLL_SECONDS: "0.5",
  });
  const project = await app.db.project.create({ data: { key: "DJ", name: "Django" } });
  mapping = await createGlitchTipMapping(app.db, {
    projectId: project.id,
    externalProject: "django-app",
    glitchtipApiUrl: `${glitchtip.url}/`,
    glitchtipTokenEncrypted: new SecretBox(keyFromEnvValue(SECRETS_KEY)).seal(GLITCHTIP_TOKEN),
  });
});

afterAll(async () => {
  await app?.stop();
  await github?.close();
  await glitchtip?.close();
});

const correlatedDescription = (id: string) => untilDescription(app.db, { id }, /## Suspected Cause/);

it("fetches the latest event with the mapping's Bearer token and points at the commit that changed the crash line", async () => {
  const alert = glitchtipAlert([
    glitchtipAttachment({ id: 4242, title: "ZeroDivisionError: division by zero", culprit: "errors.views in get" }),
  ]);
  const response = await postGlitchTip(app.url, mapping.id, mapping.token, alert);
  expect(response.status).toBe(200);
  const { items } = await response.json();
  const description = await correlatedDescription(items[0].issue.id);
  expect(glitchtip.log).toContainEqual({
    method: "GET",
    path: "/api/0/issues/4242/events/latest/",
    authorization: `Bearer ${GLITCHTIP_TOKEN}`,
    status: 200,
  });
  expect(description).toContain("- [`aaaa000`](");
  expect(description).toMatch(/\*\*Why:\*\*.*errors\/views\.py.*18/);
});

it("an issue GlitchTip has no event for ends in a visible reason, not a retry loop", async () => {
  const alert = glitchtipAlert([glitchtipAttachment({ id: 4343 })]);
  const { items } = await (await postGlitchTip(app.url, mapping.id, mapping.token, alert)).json();
  const description = await correlatedDescription(items[0].issue.id);
  expect(
    glitchtip.log.some((entry) => entry.path === "/api/0/issues/4343/events/latest/" && entry.status === 404),
  ).toBe(true);
  expect(description).toContain("_Correlation unavailable: no stack frames to match against commits_");
});

it("an uptime monitor's issue completes its correlation job without touching GlitchTip or the description", async () => {
  const requestsBefore = glitchtip.log.length;
  const { items } = await (await postGlitchTip(app.url, mapping.id, mapping.token, uptimeAlert(31, "down"))).json();
  const issueId: string = items[0].issue.id;
  let states: string[] = [];
  await eventually(
    "the correlation job to complete",
    async () => (states = await jobStatesOf(app.db, "github.correlate", issueId))[0] === "completed",
    { intervalMs: 250, context: () => JSON.stringify(states) },
  );
  const issue = await app.db.issue.findUniqueOrThrow({ where: { id: issueId } });
  expect(issue.description).not.toContain("Suspected Cause");
  expect(glitchtip.log.length).toBe(requestsBefore);
});
