// An internal issue follows its Sentry counterpart: resolved → done, regressed → comment + reopen,
// escalating → comment (+ priority when configured), assigned → assignee; replays and late, older
// deliveries change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { startTestApp, type TestApp } from "../support/app";
import { postSentry, sentryIssuePayload } from "../support/sentry";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp("lifecycle");
});
afterAll(async () => {
  await app?.stop();
});

const T0 = Date.parse("2026-11-20T10:00:00Z") / 1000;
const at = (minutes: number) => String(T0 + minutes * 60);
const iso = (minutes: number) => new Date((T0 + minutes * 60) * 1000).toISOString();

function body(
  action: string,
  id: string,
  extra: { substatus?: string | null; lastSeen?: string; slug?: string; data?: object } = {},
) {
  const payload = sentryIssuePayload({ id, action, substatus: extra.substatus ?? null, slug: extra.slug });
  if (extra.lastSeen) payload.data.issue.lastSeen = extra.lastSeen;
  Object.assign(payload.data, extra.data ?? {});
  return JSON.stringify(payload);
}

async function post(raw: string, hookMinute: number) {
  const response = await postSentry(app.url, raw, { headers: { "sentry-hook-timestamp": at(hookMinute) } });
  expect(response.status).toBe(200);
  return response.json();
}

const issueState = (identifier: string) =>
  app.db.issue.findUniqueOrThrow({
    where: { identifier },
    include: {
      comments: { orderBy: { createdAt: "asc" } },
      activities: { orderBy: { createdAt: "asc" } },
      assignee: true,
    },
  });

describe("one Sentry issue through its life", () => {
  const resolvedBody = body("resolved", "900", { data: { resolution_type: "in_release" } });

  it("is created, then resolved in Sentry → done, with the resolution recorded", async () => {
    expect((await post(body("created", "900", { substatus: "new" }), 0)).issue.identifier).toBe("CHIPP-1");
    expect((await post(resolvedBody, 10)).message).toBe("CHIPP-1: resolved");
    const issue = await issueState("CHIPP-1");
    expect(issue.status).toBe("done");
    expect(issue.activities.at(-1)).toMatchObject({
      action: "status_changed",
      actorName: "Sentry",
      fromValue: "triage",
      toValue: "done",
      data: { reason: "resolved in Sentry", resolutionType: "in_release" },
    });
  });

  it("replaying the same delivery changes nothing", async () => {
    const before = await issueState("CHIPP-1");
    expect((await post(resolvedBody, 10)).message).toBe("this delivery was already applied");
    const after = await issueState("CHIPP-1");
    expect(after.activities).toHaveLength(before.activities.length);
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it("a regression is answered as a duplicate, comments, and reopens the issue", async () => {
    const reply = await post(body("unresolved", "900", { substatus: "regressed", lastSeen: iso(20) }), 20);
    expect(reply).toMatchObject({ success: true, deduplicated: true, message: "Issue already tracked as CHIPP-1" });
    const issue = await issueState("CHIPP-1");
    expect(issue.status).toBe("todo");
    expect(issue.comments.at(-1)).toMatchObject({ actorName: "Sentry" });
    expect(issue.comments.at(-1)!.body).toBe(
      "**Sentry reports this error regressed after being resolved.** 3 events, 2 users affected [View in Sentry](<https://sentry.example.com/organizations/acme/issues/900/>)",
    );
    expect(issue.activities.at(-1)).toMatchObject({
      action: "status_changed",
      fromValue: "done",
      toValue: "todo",
      data: { reason: "regressed in Sentry" },
    });
    const delivery = await app.db.webhookDelivery.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
    expect(delivery.outcome).toBe("updated");
  });

  it("a late resolve, older than the regression, does not close it again", async () => {
    const reply = await post(body("resolved", "900", { data: { resolution_type: "in_next_release" } }), 15);
    expect(reply.message).toBe("older than the regressed event already applied");
    expect((await issueState("CHIPP-1")).status).toBe("todo");
  });

  it("a newer resolve closes it again; an older regression delivered late does not reopen it", async () => {
    expect((await post(body("resolved", "900", { data: { resolution_type: "in_commit" } }), 30)).message).toBe(
      "CHIPP-1: resolved",
    );
    const lateRegression = await post(body("unresolved", "900", { substatus: "regressed", lastSeen: iso(25) }), 25);
    expect(lateRegression.deduplicated).toBe(true);
    expect((await issueState("CHIPP-1")).status).toBe("done");
  });

  it("assignment to a known user's email assigns the internal issue", async () => {
    const user = await app.db.user.create({
      data: { email: "dev@acme.test", name: "Dev", role: "member", passwordHash: await hashPassword("password-123") },
    });
    const reply = await post(
      body("assigned", "900", { data: { assignee: { type: "user", id: "7", name: "Dev", email: "Dev@Acme.test" } } }),
      40,
    );
    expect(reply.message).toBe("CHIPP-1: recorded the assignee, assigned to dev@acme.test");
    const issue = await issueState("CHIPP-1");
    expect(issue.assigneeId).toBe(user.id);
    expect(issue.activities.at(-1)).toMatchObject({
      action: "assignee_changed",
      fromValue: null,
      toValue: "dev@acme.test",
    });
  });
});

describe("per-mapping behaviour", () => {
  it("escalation raises priority when the mapping says so", async () => {
    const project = await app.db.project.create({ data: { key: "ESC", name: "Escalations" } });
    await app.db.sourceMapping.create({
      data: {
        source: "sentry",
        externalProject: "esc-app",
        projectId: project.id,
        escalationPriority: "P1",
        onResolve: "comment",
      },
    });
    const created = await post(JSON.stringify(sentryIssuePayload({ id: "950", slug: "esc-app", priority: "low" })), 0);
    expect(created.issue.identifier).toBe("ESC-1");
    await post(body("unresolved", "950", { substatus: "escalating", slug: "esc-app", lastSeen: iso(5) }), 5);
    const issue = await issueState("ESC-1");
    expect(issue.priority).toBe("P1");
    expect(issue.status).toBe("triage");
    expect(issue.comments.at(-1)!.body).toContain("is escalating");
  });

  it("resolve only comments when the mapping says comment", async () => {
    const reply = await post(body("resolved", "950", { slug: "esc-app", data: { resolution_type: "in_release" } }), 10);
    expect(reply.message).toBe("ESC-1: commented");
    const issue = await issueState("ESC-1");
    expect(issue.status).toBe("triage");
    expect(issue.comments.at(-1)!.body).toBe("Resolved in Sentry (in\\_release).");
  });

  it("a resolve for an untracked Sentry issue is skipped with the reason", async () => {
    const reply = await post(body("resolved", "999"), 10);
    expect(reply).toEqual({ success: true, message: "Skipped: resolved, Sentry issue WEB-APP-999 is not tracked" });
  });
});
