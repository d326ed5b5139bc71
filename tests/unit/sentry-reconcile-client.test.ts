// The Sentry issues client against the in-process fake: pagination by Link header, lenient
// validation, and how Sentry's refusals become job errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PermanentFailure, RetryAfterFailure } from "@/lib/errors";
import { listRecentIssues } from "@/lib/integrations/sentry/list-recent-issues";
import { listSentryProjects } from "@/lib/integrations/sentry/list-sentry-projects";
import { type FakeSentry, startFakeSentry } from "../support/fake-sentry";

const web = { id: "42", slug: "web-app" };
const api = { id: "43", slug: "api" };
let sentry: FakeSentry;
const config = () => ({ apiUrl: sentry.url, org: "acme", token: "good-token" });

beforeAll(async () => {
  sentry = await startFakeSentry({ token: "good-token", org: "acme" });
  sentry.addProject(web);
  sentry.addProject(api);
  sentry.addIssue({ id: "1", project: web, firstSeenMinutesAgo: 10 });
  sentry.addIssue({ id: "2", project: api, firstSeenMinutesAgo: 20 });
  sentry.addIssue({ id: "3", project: web, firstSeenMinutesAgo: 30 });
  sentry.addIssue({ id: "4", project: web, firstSeenMinutesAgo: 3 * 24 * 60 }); // outside the window
  sentry.addIssue({ id: "5", project: web, firstSeenMinutesAgo: 5, status: "resolved" });
});
afterAll(() => sentry?.close());

describe("listRecentIssues", () => {
  it('follows the cursor until results="false" and keeps the raw items', async () => {
    sentry.maxPerPage = 2;
    const before = sentry.log.length;
    const result = await listRecentIssues(config(), { windowHours: 24, projectIds: "all" });
    sentry.maxPerPage = 100;
    expect(result.issues.map((issue) => issue.id)).toEqual(["1", "2", "3"]);
    expect(result).toMatchObject({ pages: 2, truncated: false, invalid: [] });
    expect(result.issues[0]!.raw).toMatchObject({ shortId: "WEB-APP-1", count: "3", project: { slug: "web-app" } });
    const requests = sentry.log.slice(before);
    expect(requests.map((r) => r.query.cursor?.[0])).toEqual([undefined, "0:2:0"]);
    expect(requests[0]!.authorization).toBe("Bearer good-token");
  });

  it("filters by project id", async () => {
    const result = await listRecentIssues(config(), { windowHours: 24, projectIds: ["43"] });
    expect(result.issues.map((issue) => issue.id)).toEqual(["2"]);
  });

  it("skips an item that does not fit the issue schema, with the reason", async () => {
    sentry.addIssue({ id: "6", project: { id: "44", slug: "" }, firstSeenMinutesAgo: 1 });
    const result = await listRecentIssues(config(), { windowHours: 24, projectIds: "all" });
    expect(result.issues.map((issue) => issue.id)).toEqual(["1", "2", "3"]);
    expect(result.invalid).toEqual([{ id: "6", reason: expect.stringContaining("project.slug") }]);
  });

  it("turns 429 into RetryAfterFailure with Retry-After, 401 into PermanentFailure, 500 into a plain error", async () => {
    sentry.injectFault({ kind: "rate-limit", retryAfter: 17 });
    const limited = await listRecentIssues(config(), { windowHours: 24, projectIds: "all" }).catch(
      (error: unknown) => error,
    );
    expect(limited).toBeInstanceOf(RetryAfterFailure);
    expect((limited as RetryAfterFailure).retryAfterSeconds).toBe(17);

    const refused = await listRecentIssues(
      { ...config(), token: "wrong" },
      { windowHours: 24, projectIds: "all" },
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermanentFailure);
    expect((refused as Error).message).toBe("Sentry API refused the token (HTTP 401: Invalid token)");

    sentry.injectFault({ kind: "status", status: 500 });
    const broken = await listRecentIssues(config(), { windowHours: 24, projectIds: "all" }).catch(
      (error: unknown) => error,
    );
    expect(broken).toBeInstanceOf(Error);
    expect(broken).not.toBeInstanceOf(PermanentFailure);
    expect((broken as Error).message).toMatch(/HTTP 500/);
  });

  it("gives up on a Sentry that does not answer in time", async () => {
    const { createServer } = await import("node:http");
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const error = await listRecentIssues(
      { apiUrl: `http://127.0.0.1:${port}`, org: "acme", token: "t", timeoutMs: 200 },
      { windowHours: 1, projectIds: "all" },
    ).catch((e: unknown) => e);
    silent.closeAllConnections();
    silent.close();
    expect((error as Error).name).toBe("TimeoutError");
  });
});

describe("listSentryProjects", () => {
  it("lists ids and slugs across pages", async () => {
    sentry.maxPerPage = 1;
    const projects = await listSentryProjects(config());
    sentry.maxPerPage = 100;
    expect(projects).toEqual([web, api]);
  });
});
