// lib/jira-sync against a real PostgreSQL and the fake Jira (real client, only the base URL changed):
// exactly one ticket whatever fails, flood control with an injectable clock, status kept in step.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db";
import { PermanentFailure, RetryAfterFailure } from "../../lib/errors";
import { probeBrokenConnections } from "../../lib/jira-sync/probe-broken-connections";
import { sweepStalledTickets } from "../../lib/jira-sync/sweep-stalled-tickets";
import { syncJiraTicket } from "../../lib/jira-sync/sync-ticket";
import { describeTicket, TICKET_VIEW_SELECT } from "../../lib/jira-sync/ticket-view";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { FAKE_JIRA_DEFAULTS, type FakeJira, startFakeJira } from "../support/fake-jira";
import { createQueuedIssue, type JiraSetup, setUpJiraMapping, syncDeps, testClock } from "../support/jira-sync";

let database: TestDatabase;
let db: Db;
let jira: FakeJira;

beforeAll(async () => {
  database = await createTestDatabase("jira_sync");
  db = createDb(database.url, 5);
  jira = await startFakeJira();
});

afterAll(async () => {
  await jira?.stop();
  await db?.$disconnect();
  await database?.drop();
});

// Tickets stay between tests (Jira never reuses a key); only the call log and failures start afresh.
beforeEach(() => {
  jira.calls.length = 0;
  jira.clearFailures();
  jira.onCreate = null;
});

const creates = () =>
  jira.calls.filter(
    (call) => call.method === "POST" && /\/rest\/api\/[23]\/issue$/.test(call.path) && call.status === 201,
  );
const searches = () => jira.calls.filter((call) => call.path.includes("/search"));
const ticketOf = (issueId: string) => db.jiraTicket.findUniqueOrThrow({ where: { issueId } });

async function expectRejection<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

describe("creating the ticket", () => {
  let setup: JiraSetup;
  beforeAll(async () => {
    setup = await setUpJiraMapping(db, jira);
  });

  it("creates one ticket with the issue's text, mapped fields and fingerprint label; a re-run calls nothing", async () => {
    const clock = testClock();
    const issue = await createQueuedIssue(db, setup, "TypeError: cannot read 'id' — ünïcode");
    await syncJiraTicket(syncDeps(db, jira, clock), issue.id);

    const ticket = await ticketOf(issue.id);
    expect(ticket.state).toBe("created");
    const stored = jira.tickets.get(ticket.ticketKey!)!;
    expect(stored.summary).toBe("TypeError: cannot read 'id' — ünïcode");
    expect(stored.labels).toEqual(expect.arrayContaining(["from-tracker", ticket.fingerprint]));
    expect(stored.components).toEqual(["Backend"]);
    expect(stored.priority).toBe("Highest");
    expect(JSON.stringify(stored.description)).toContain(`http://tracker.test/issues/${issue.identifier}`);
    expect(ticket.ticketUrl).toBe(`${jira.url}/browse/${ticket.ticketKey}`);
    const link = await db.externalIssue.findFirstOrThrow({ where: { issueId: issue.id, source: "jira" } });
    expect(link.externalUrl).toBe(ticket.ticketUrl);
    expect(jira.calls).toHaveLength(1); // one create, no search on the happy path

    await syncJiraTicket(syncDeps(db, jira, clock), issue.id);
    expect(jira.calls).toHaveLength(1);
  });

  it("a create whose answer was lost is found by its label, never created twice", async () => {
    const clock = testClock();
    const issue = await createQueuedIssue(db, setup, "Lost answer");
    jira.onCreate = () => ({ drop: true }); // Jira stores the ticket, the answer never comes
    await expectRejection(syncJiraTicket(syncDeps(db, jira, clock, 300), issue.id), Error);
    jira.onCreate = null;
    expect((await ticketOf(issue.id)).state).toBe("creating");

    // Search has not caught up and the attempt is recent: wait rather than create blind.
    jira.searchLagMs = 60_000;
    await expectRejection(syncJiraTicket(syncDeps(db, jira, clock), issue.id), RetryAfterFailure);
    jira.searchLagMs = 0;
    clock.advance(31_000);
    await syncJiraTicket(syncDeps(db, jira, clock), issue.id);

    const ticket = await ticketOf(issue.id);
    expect(ticket.state).toBe("created");
    expect(jira.calls.filter((call) => call.method === "POST" && call.path.endsWith("/issue"))).toHaveLength(1);
    expect([...jira.tickets.values()].filter((stored) => stored.labels.includes(ticket.fingerprint))).toHaveLength(1);
    expect(await db.activity.findFirst({ where: { issueId: issue.id, action: "jira_ticket_created" } })).toMatchObject({
      data: { recovered: true },
    });
  });

  it("a lost answer not yet searchable after the settle time is created again only once the search says it is absent", async () => {
    const clock = testClock();
    const issue = await createQueuedIssue(db, setup, "Timeout before Jira stored anything");
    jira.failNext(1, { status: 504, method: "POST", path: /\/issue$/ });
    await expectRejection(syncJiraTicket(syncDeps(db, jira, clock), issue.id), Error);
    clock.advance(31_000);
    await syncJiraTicket(syncDeps(db, jira, clock), issue.id);
    expect(searches()).toHaveLength(1);
    expect(creates()).toHaveLength(1);
    expect((await ticketOf(issue.id)).state).toBe("created");
  });

  it("429 waits as long as Jira asks, without a search next time", async () => {
    const clock = testClock();
    const issue = await createQueuedIssue(db, setup, "Rate limited by Jira");
    jira.failNext(1, {
      status: 429,
      headers: { "Retry-After": "7" },
      body: { errorMessages: ["Rate limit exceeded."] },
    });
    const error = await expectRejection(syncJiraTicket(syncDeps(db, jira, clock), issue.id), RetryAfterFailure);
    expect(error.retryAfterSeconds).toBe(7);
    expect((await ticketOf(issue.id)).state).toBe("pending");
    await syncJiraTicket(syncDeps(db, jira, clock), issue.id);
    expect(searches()).toHaveLength(0);
    expect(creates()).toHaveLength(1);
  });

  it("400 (unknown component) is permanent and shown on the issue with Jira's message", async () => {
    const broken = await setUpJiraMapping(db, jira, { components: ["No Such Component"] });
    const issue = await createQueuedIssue(db, broken, "Bad component");
    const error = await expectRejection(syncJiraTicket(syncDeps(db, jira, testClock()), issue.id), PermanentFailure);
    expect(error.message).toMatch(/component/i);
    const ticket = await db.jiraTicket.findUniqueOrThrow({ where: { issueId: issue.id }, select: TICKET_VIEW_SELECT });
    expect(describeTicket(ticket)).toMatchObject({ label: "failed", tone: "error" });
    expect(describeTicket(ticket).detail).toMatch(/No Such Component/);
    expect(describeTicket(ticket).detail).toMatch(/OPS offers components: Backend, Frontend/); // from the project's metadata
    const activity = await db.activity.findFirstOrThrow({ where: { issueId: issue.id, action: "jira_ticket_failed" } });
    expect(JSON.stringify(activity.data)).toMatch(/No Such Component/);
  });

  it("two runs of the same issue at once send one create; the other backs off", async () => {
    const issue = await createQueuedIssue(db, setup, "Raced");
    jira.onCreate = () => ({ delayMs: 300 });
    const results = await Promise.allSettled([
      syncJiraTicket(syncDeps(db, jira, testClock()), issue.id),
      syncJiraTicket(syncDeps(db, jira, testClock()), issue.id),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(
      RetryAfterFailure,
    );
    expect(creates()).toHaveLength(1);
  });

  it("a refused ticket is not re-sent by routine syncs; Retry re-sends it with the mapping's fixed fields", async () => {
    const broken = await setUpJiraMapping(db, jira, { components: ["Nope"] });
    const issue = await createQueuedIssue(db, broken, "Refused then fixed");
    await expectRejection(syncJiraTicket(syncDeps(db, jira, testClock()), issue.id), PermanentFailure);
    await db.issue.update({ where: { id: issue.id }, data: { status: "done" } });
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id); // a status change: no new attempt
    expect(jira.calls.filter((call) => call.method === "POST")).toHaveLength(1);

    await db.sourceMapping.update({ where: { id: broken.mappingId }, data: { jiraComponents: ["Frontend"] } });
    const later = testClock(new Date(Date.now() + 60_000)); // a person's Retry comes well after the refusal
    await syncJiraTicket(syncDeps(db, jira, later), issue.id, { retry: true });
    const ticket = await ticketOf(issue.id);
    expect(ticket.state).toBe("created");
    expect(jira.tickets.get(ticket.ticketKey!)!.components).toEqual(["Frontend"]);
    expect(jira.tickets.get(ticket.ticketKey!)!.statusName).toBe("Done"); // and it caught up with the issue
  });

  it("the sweep re-queues tickets whose job gave up, and leaves fresh and refused ones alone", async () => {
    const stalled = await createQueuedIssue(db, setup, "Stalled");
    const fresh = await createQueuedIssue(db, setup, "Fresh");
    await db.$executeRaw`UPDATE jira_ticket SET updated_at = now() - interval '1 hour' WHERE issue_id = ${stalled.id}`;
    await db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'jira.sync' AND data->>'issueId' IN (${stalled.id}, ${fresh.id})`;
    const requeued = await sweepStalledTickets(db, new Date());
    expect(requeued).toBeGreaterThanOrEqual(1);
    const jobs = await db.$queryRaw<
      { issue: string }[]
    >`SELECT data->>'issueId' AS issue FROM pgboss.job WHERE name = 'jira.sync' AND data->>'issueId' IN (${stalled.id}, ${fresh.id})`;
    expect(jobs.map((job) => job.issue)).toEqual([stalled.id]);
  });

  it("401 marks the connection broken and keeps the work pending until it is fixed", async () => {
    const own = await setUpJiraMapping(db, jira);
    const issue = await createQueuedIssue(db, own, "Credentials revoked");
    jira.failNext(1, {
      status: 401,
      body: { errorMessages: ["Client must be authenticated to access this resource."] },
    });
    const first = await expectRejection(syncJiraTicket(syncDeps(db, jira, testClock()), issue.id), RetryAfterFailure);
    expect(first.counted).toBe(false);
    const connection = await db.jiraConnection.findUniqueOrThrow({ where: { id: own.connectionId } });
    expect(connection.status).toBe("broken");
    expect(connection.statusReason).toMatch(/401/);
    const view = describeTicket(
      await db.jiraTicket.findUniqueOrThrow({ where: { issueId: issue.id }, select: TICKET_VIEW_SELECT }),
    );
    expect(view.label).toBe("pending (Jira connection broken)");

    const callsBefore = jira.calls.length;
    await expectRejection(syncJiraTicket(syncDeps(db, jira, testClock()), issue.id), RetryAfterFailure);
    expect(jira.calls.length).toBe(callsBefore); // no calls while broken

    await db.jiraConnection.update({ where: { id: own.connectionId }, data: { status: "unknown" } }); // an admin fixed the token
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    expect((await ticketOf(issue.id)).state).toBe("created");
    expect((await db.jiraConnection.findUniqueOrThrow({ where: { id: own.connectionId } })).status).toBe("ok");
  });
});

describe("a broken connection", () => {
  it("is asked again by the sweep: still refused stays broken; accepted again, the held ticket is created", async () => {
    const own = await setUpJiraMapping(db, jira);
    const issue = await createQueuedIssue(db, own, "Token re-enabled in Jira");
    jira.failNext(1, { status: 403, body: { errorMessages: ["The token was disabled."] } });
    await expectRejection(syncJiraTicket(syncDeps(db, jira, testClock()), issue.id), RetryAfterFailure);
    const status = async () => (await db.jiraConnection.findUniqueOrThrow({ where: { id: own.connectionId } })).status;
    expect(await status()).toBe("broken");

    const deps = syncDeps(db, jira, testClock());
    jira.failNext(1, { status: 401, path: "/rest/api/3/myself" });
    expect(await probeBrokenConnections(deps)).not.toContain(own.connectionId);
    expect(await status()).toBe("broken");

    expect(await probeBrokenConnections(deps)).toContain(own.connectionId); // someone fixed it on Jira's side
    expect(await status()).toBe("ok");
    expect(jira.calls.filter((call) => call.path === "/rest/api/3/myself")).toHaveLength(2);
    await syncJiraTicket(deps, issue.id);
    expect((await ticketOf(issue.id)).state).toBe("created");
  });
});

describe("Jira Data Center", () => {
  it("creates through REST v2 with a Bearer PAT and a wiki-markup description", async () => {
    const setup = await setUpJiraMapping(db, jira, { flavor: "datacenter" });
    const issue = await createQueuedIssue(db, setup, "Data Center ticket");
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    const ticket = await ticketOf(issue.id);
    expect(ticket.state).toBe("created");
    const stored = jira.tickets.get(ticket.ticketKey!)!;
    expect(stored.api).toBe("2");
    expect(typeof stored.description).toBe("string");
    expect(stored.description).toContain("h2. Error");
    expect(stored.description).toContain(`[${issue.identifier}|http://tracker.test/issues/${issue.identifier}]`);
    expect(jira.calls[0]!.headers.authorization).toBe(`Bearer ${FAKE_JIRA_DEFAULTS.pat}`);
  });
});

describe("flood control", () => {
  it("25 errors in a minute with a cap of 10: 10 tickets now, 15 pending, all 25 once the window moves", async () => {
    const setup = await setUpJiraMapping(db, jira, { ticketsPerHour: 10 });
    const clock = testClock();
    const issues: { id: string; identifier: string }[] = [];
    for (let index = 0; index < 25; index += 1) issues.push(await createQueuedIssue(db, setup, `Flood ${index}`));

    const run = async () => {
      const results = await Promise.allSettled(
        issues.map((issue) => syncJiraTicket(syncDeps(db, jira, clock), issue.id)),
      );
      return results
        .filter((result) => result.status === "rejected")
        .map((result) => (result as PromiseRejectedResult).reason as unknown);
    };
    const deferred = await run();
    expect(creates()).toHaveLength(10);
    expect(deferred).toHaveLength(15);
    for (const error of deferred) {
      expect(error).toBeInstanceOf(RetryAfterFailure);
      expect((error as RetryAfterFailure).counted).toBe(false);
      expect((error as RetryAfterFailure).retryAfterSeconds).toBeGreaterThan(3500);
    }
    const states = await db.jiraTicket.groupBy({
      by: ["state"],
      where: { issueId: { in: issues.map((issue) => issue.id) } },
      _count: true,
    });
    expect(Object.fromEntries(states.map((row) => [row.state, row._count]))).toEqual({ created: 10, rate_limited: 15 });
    const waiting = await db.jiraTicket.findFirstOrThrow({
      where: { state: "rate_limited", issueId: { in: issues.map((issue) => issue.id) } },
      select: TICKET_VIEW_SELECT,
    });
    expect(describeTicket(waiting).label).toBe("pending (rate limit)");

    clock.advance(30 * 60_000); // the window has not moved yet
    expect(await run()).toHaveLength(15);
    expect(creates()).toHaveLength(10);

    clock.advance(31 * 60_000);
    expect(await run()).toHaveLength(5);
    expect(creates()).toHaveLength(20);
    clock.advance(61 * 60_000);
    expect(await run()).toHaveLength(0);
    expect(creates()).toHaveLength(25);
    expect(
      new Set(
        [...jira.tickets.values()].map((ticket) => ticket.summary).filter((summary) => summary.startsWith("Flood ")),
      ).size,
    ).toBe(25);
  });
});

describe("keeping the status in step", () => {
  let setup: JiraSetup;
  beforeAll(async () => {
    setup = await setUpJiraMapping(db, jira);
  });

  async function createdIssue(title: string) {
    const issue = await createQueuedIssue(db, setup, title);
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    return { ...issue, key: (await ticketOf(issue.id)).ticketKey! };
  }

  it("done closes the ticket through a done-category transition; reopening picks the reopen transition, not the first listed", async () => {
    const issue = await createdIssue("Closes and reopens");
    await db.issue.update({ where: { id: issue.id }, data: { status: "done" } });
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    expect(jira.tickets.get(issue.key)!.statusName).toBe("Done");

    await db.issue.update({ where: { id: issue.id }, data: { status: "todo" } });
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    expect(jira.tickets.get(issue.key)!.statusName).toBe("To Do"); // "Won't Do" is listed first from Done
    expect(jira.tickets.get(issue.key)!.comments).toHaveLength(1);
    const transitions = jira.calls.filter((call) => call.method === "POST" && call.path.endsWith("/transitions"));
    expect(transitions.map((call) => (call.body as { transition: { id: string } }).transition.id)).toEqual([
      "31",
      "51",
    ]);
  });

  it("canceled closes as Won't Do, and a Won't Do ticket is left closed on regression, said once on the issue", async () => {
    const issue = await createdIssue("Declined");
    await db.issue.update({ where: { id: issue.id }, data: { status: "canceled" } });
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    expect(jira.tickets.get(issue.key)!.resolution).toBe("Won't Do");

    await db.issue.update({ where: { id: issue.id }, data: { status: "todo" } });
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    expect(jira.tickets.get(issue.key)!.statusName).toBe("Won't Do");
    const notes = await db.activity.findMany({ where: { issueId: issue.id, action: "jira_left_closed" } });
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0]!.data)).toMatch(/stays closed.*Won't Do/);
  });

  it("follows a ticket moved to another Jira project: transitions under its new key, the link follows", async () => {
    const issue = await createdIssue("Moved to another project");
    jira.addProject({ key: "SUP", name: "Support" });
    const moved = jira.moveTicket(issue.key, "SUP");
    await db.issue.update({ where: { id: issue.id }, data: { status: "done" } });
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);

    expect(moved.statusName).toBe("Done");
    const ticket = await ticketOf(issue.id);
    expect(ticket.ticketKey).toBe(moved.key);
    expect(ticket.ticketUrl).toBe(`${jira.url}/browse/${moved.key}`);
    const link = await db.externalIssue.findFirstOrThrow({ where: { issueId: issue.id, source: "jira" } });
    expect(link.externalUrl).toBe(`${jira.url}/browse/${moved.key}`);
    expect(link.externalId).toBe(`${new URL(jira.url).host}/${moved.key}`);
    expect(
      await db.activity.count({
        where: { issueId: issue.id, action: "jira_ticket_moved", fromValue: issue.key, toValue: moved.key },
      }),
    ).toBe(1);
    const transitions = jira.calls.filter((call) => call.method === "POST" && call.path.endsWith("/transitions"));
    expect(transitions.at(-1)!.path).toContain(`/issue/${moved.key}/`);
  });

  it("a ticket deleted in Jira is said once on the issue; later syncs neither fail nor repeat it", async () => {
    const issue = await createdIssue("Deleted in Jira");
    jira.deleteTicket(issue.key);
    const createsBefore = creates().length;
    await db.issue.update({ where: { id: issue.id }, data: { status: "done" } });
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);
    await syncJiraTicket(syncDeps(db, jira, testClock()), issue.id);

    const ticket = await ticketOf(issue.id);
    expect(ticket.state).toBe("created");
    expect(ticket.lastError).toMatch(new RegExp(`${issue.key} no longer exists in Jira`));
    expect(await db.activity.count({ where: { issueId: issue.id, action: "jira_ticket_missing" } })).toBe(1);
    const view = describeTicket(
      await db.jiraTicket.findUniqueOrThrow({ where: { issueId: issue.id }, select: TICKET_VIEW_SELECT }),
    );
    expect(view.detail).toMatch(/no longer exists in Jira/);
    expect(creates()).toHaveLength(createsBefore); // never re-created behind a person's back
  });
});
