// GlitchTip fires an alert once per issue and again only after a regression, with no timestamp in the
// body. So a repeat for a tracked issue that is closed here reopens it with a comment, a repeat for an
// open one is a plain duplicate, and the state read under the item lock makes both exactly-once under
// concurrency. Uptime monitors open, resolve and reopen one issue each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import {
  createGlitchTipMapping,
  glitchtipAlert,
  glitchtipAttachment,
  postGlitchTip,
  uptimeAlert,
} from "../support/glitchtip";

let app: TestApp;
let mapping: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp("gt_lifecycle");
  const project = await app.db.project.create({ data: { key: "LC", name: "Lifecycle" } });
  mapping = await createGlitchTipMapping(app.db, { projectId: project.id, externalProject: "shop" });
});

afterAll(async () => {
  await app?.stop();
});

async function send(body: object) {
  const response = await postGlitchTip(app.url, mapping.id, mapping.token, body);
  expect(response.status).toBe(200);
  return response.json();
}

/** Runs `total` sends with at most `concurrency` in flight. */
async function storm(total: number, concurrency: number, body: object) {
  let next = 0;
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const response = await postGlitchTip(app.url, mapping.id, mapping.token, body);
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    }),
  );
  return statuses;
}

const state = (identifier: string) =>
  app.db.issue.findUniqueOrThrow({
    where: { identifier },
    include: { comments: { orderBy: { createdAt: "asc" } }, activities: { orderBy: { createdAt: "asc" } } },
  });

async function closeIssue(identifier: string, status: "done" | "canceled" = "done") {
  await app.db.issue.update({ where: { identifier }, data: { status } });
}

const reopenings = (issue: Awaited<ReturnType<typeof state>>) =>
  issue.activities.filter((activity) => activity.action === "status_changed" && activity.toValue === "todo").length;

describe("a GlitchTip issue", () => {
  const alert = glitchtipAlert([glitchtipAttachment({ id: 100, title: "KeyError: 'user'" })]);
  let identifier: string;

  it("is created by its first alert; a repeat while open is a duplicate with no comment", async () => {
    identifier = (await send(alert)).items[0].issue.identifier;
    expect(identifier).toBe("LC-1");
    const repeat = await send(alert);
    expect(repeat.items[0]).toMatchObject({ deduplicated: true, message: "Issue already tracked as LC-1" });
    expect((await state(identifier)).comments).toHaveLength(0);
    expect((await app.db.webhookDelivery.findFirstOrThrow({ orderBy: { receivedAt: "desc" } })).reason).toBe(
      "regressed: no_op (LC-1: still open, nothing to reopen)",
    );
  });

  it("a repeat after it was resolved here is a regression: reopened once, with a comment", async () => {
    await closeIssue(identifier);
    const reply = await send(alert);
    expect(reply.items[0]).toMatchObject({ deduplicated: true, issue: { identifier } });
    const issue = await state(identifier);
    expect(issue.status).toBe("todo");
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toMatchObject({
      actorName: "GlitchTip",
      body: "**GlitchTip reports this error regressed after being resolved.** [View in GlitchTip](<https://glitchtip.example.com/acme/issues/100>)",
    });
    expect(issue.activities.at(-1)).toMatchObject({
      action: "status_changed",
      fromValue: "done",
      toValue: "todo",
      data: { reason: "regressed in GlitchTip" },
    });
    expect((await app.db.webhookDelivery.findFirstOrThrow({ orderBy: { receivedAt: "desc" } })).outcome).toBe(
      "updated",
    );

    await send(alert);
    expect((await state(identifier)).comments).toHaveLength(1);
  });

  it("the identical body reopens it again after a later resolve (canceled counts as closed too)", async () => {
    await closeIssue(identifier, "canceled");
    await send(alert);
    const issue = await state(identifier);
    expect(issue.status).toBe("todo");
    expect(issue.comments).toHaveLength(2);
    expect(reopenings(issue)).toBe(2);
  });

  it("50 concurrent repeats after a resolve reopen it exactly once", async () => {
    await closeIssue(identifier);
    const statuses = await storm(50, 50, alert);
    expect(statuses).toEqual(Array(50).fill(200));
    const issue = await state(identifier);
    expect(issue.status).toBe("todo");
    expect(issue.comments).toHaveLength(3);
    expect(reopenings(issue)).toBe(3);
  });
});

describe("a storm of identical alerts for a new issue", () => {
  it("200 deliveries, 50 at a time: one issue, no comment", async () => {
    const alert = glitchtipAlert([glitchtipAttachment({ id: 200, title: "TimeoutError: upstream" })]);
    const deliveriesBefore = await app.db.webhookDelivery.count();
    const statuses = await storm(200, 50, alert);
    expect(statuses).toEqual(Array(200).fill(200));
    const links = await app.db.externalIssue.findMany({
      where: { source: "glitchtip", externalId: "glitchtip.example.com:200" },
    });
    expect(links).toHaveLength(1);
    expect(
      await app.db.issue.count({ where: { externalIssues: { some: { externalId: "glitchtip.example.com:200" } } } }),
    ).toBe(1);
    expect(await app.db.comment.count({ where: { issueId: links[0]!.issueId } })).toBe(0);
    const outcomes = await app.db.webhookDelivery.groupBy({
      by: ["outcome"],
      where: { externalId: "glitchtip.example.com:200" },
      _count: true,
    });
    expect(Object.fromEntries(outcomes.map((row) => [row.outcome, row._count]))).toEqual({
      created: 1,
      deduplicated: 199,
    });
    expect(await app.db.webhookDelivery.count()).toBe(deliveriesBefore + 200);
  });
});

describe("an uptime monitor", () => {
  const down = uptimeAlert(17, "down");
  const up = uptimeAlert(17, "up");
  let identifier: string;

  it("down opens its issue; down again while open changes nothing", async () => {
    const reply = await send(down);
    identifier = reply.items[0].issue.identifier;
    const issue = await state(identifier);
    expect(issue).toMatchObject({
      title: "[shop] Uptime monitor down: shop-frontend",
      priority: "P2",
      status: "triage",
    });
    await send(down);
    expect((await state(identifier)).comments).toHaveLength(0);
  });

  it("back up resolves it; back up again is a no-op", async () => {
    const reply = await send(up);
    expect(reply.items[0]).toMatchObject({ issue: { identifier }, message: `${identifier}: resolved` });
    expect((await state(identifier)).status).toBe("done");
    const again = await send(up);
    expect(again.items[0].message).toBe(`${identifier}: already closed`);
  });

  it("down again reopens it with a comment; the identical up body resolves it again", async () => {
    await send(down);
    let issue = await state(identifier);
    expect(issue.status).toBe("todo");
    expect(issue.comments.map((comment) => comment.body)).toEqual([
      "**GlitchTip reports this monitor is down again.** [View in GlitchTip](<https://glitchtip.example.com/acme/uptime-monitors/17>)",
    ]);
    await send(up);
    issue = await state(identifier);
    expect(issue.status).toBe("done");
    await send(down);
    expect((await state(identifier)).status).toBe("todo");
    expect(await app.db.externalIssue.count({ where: { externalId: "glitchtip.example.com:uptime:17" } })).toBe(1);
  });

  it("back up for a monitor never seen down is skipped with the reason", async () => {
    const reply = await send(uptimeAlert(99, "up"));
    expect(reply.items[0]).toEqual({
      success: true,
      message: "Skipped: resolved, GlitchTip issue uptime monitor 99 is not tracked",
    });
  });
});
