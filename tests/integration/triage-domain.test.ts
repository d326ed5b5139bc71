// The triage domain (lib/issues/*) against a real PostgreSQL: every field change writes its column, one
// activity and one issue_event (and the Jira sync for status) or nothing at all; concurrent edits of
// different fields both survive; hand-made issues share ingestion's gapless counter; labels are unique.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ingestDelivery } from "@/lib/ingest/ingest-delivery";
import { changeIssueField } from "@/lib/issues/change-issue-field";
import { createIssue } from "@/lib/issues/create-issue";
import { clearLabelCache } from "@/lib/issues/ensure-labels";
import { createLabel, loadPickOptions } from "@/lib/issues/pick-options";
import { applyIssuePatch, updateIssue } from "@/lib/issues/update-issue";
import { sentryAdapter } from "@/lib/sources/sentry/adapter";
import { InvalidInputError } from "@/lib/validation";
import { createTestDatabase, type TestDatabase } from "../support/database";
import type { FakeJira } from "../support/fake-jira";
import { setUpJiraMapping } from "../support/jira-sync";
import { sentryIssuePayload } from "../support/sentry";

let database: TestDatabase;
let db: Db;
let editor: { userId: string };
let other: { id: string; email: string };

beforeAll(async () => {
  // Sentry deliveries go through the pipeline in this process; without a secret (not production) the signature is skipped.
  delete process.env.SENTRY_CLIENT_SECRET;
  database = await createTestDatabase("triage_domain");
  db = createDb(database.url, 8);
  clearLabelCache();
  const user = await db.user.create({ data: { email: "editor@example.com", name: "Editor" } });
  editor = { userId: user.id };
  other = await db.user.create({
    data: { email: "other@example.com", name: "Other" },
    select: { id: true, email: true },
  });
  await db.project.create({ data: { key: "TRI", name: "Triage" } });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

// ---- helpers ----------------------------------------------------------------------------------------

const newIssue = async (title = `Issue ${randomUUID()}`, projectKey = "TRI") =>
  createIssue(db, { projectKey, title, openJiraTicket: false }, editor);

/** Activities other than the creating one, oldest first. */
const changesOf = (issueId: string) =>
  db.activity.findMany({ where: { issueId, action: { not: "created" } }, orderBy: { createdAt: "asc" } });
const updateEventsOf = (issueId: string) =>
  db.issueEvent.findMany({ where: { issueId, kind: "updated" }, orderBy: { id: "asc" } });

async function jiraSyncJobs(issueId: string): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'jira.sync' AND data->>'issueId' = $1`,
    issueId,
  );
  return row!.n;
}

/** Everything a change could write, to prove a refused one wrote nothing. */
async function footprint(issueId: string) {
  const issue = await db.issue.findUniqueOrThrow({ where: { id: issueId }, include: { labels: true } });
  return {
    issue,
    activities: await db.activity.count({ where: { issueId } }),
    events: await db.issueEvent.count({ where: { issueId } }),
    jobs: await jiraSyncJobs(issueId),
  };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).publicMessage.length).toBeGreaterThan(0);
  return error as AppError;
}

// ---- 1. each field change ---------------------------------------------------------------------------

describe("a field change writes its column, one activity and one issue_event", () => {
  it.each([
    ["status", { status: "in_progress" }, "triage", "in_progress", "in_progress"],
    ["priority", { priority: "P1" }, "P3", "P1", "P1"],
    ["title", { title: "  Renamed   issue " }, null, "Renamed issue", "Renamed issue"],
  ] as const)("%s", async (field, patch, from, to, value) => {
    const created = await newIssue("Original title");
    const updated = await updateIssue(db, created.identifier, patch, editor);
    expect(updated[field]).toBe(to);

    const [activity, ...more] = await changesOf(created.id);
    expect(more).toHaveLength(0);
    expect(activity).toMatchObject({
      action: `${field}_changed`,
      field,
      fromValue: from ?? "Original title",
      toValue: to,
      actorId: editor.userId,
    });
    const events = await updateEventsOf(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "updated", actorId: editor.userId, data: { field, value } });

    // The same value again (title: after normalising) changes and writes nothing.
    const before = await footprint(created.id);
    await updateIssue(db, created.identifier, patch, editor);
    expect(await footprint(created.id)).toEqual(before);
  });

  it("description: the text on the issue, not copied into the activity", async () => {
    const created = await newIssue();
    const text = "d".repeat(100_000); // the limit itself is accepted
    await updateIssue(db, created.identifier, { description: `${text}  \n` }, editor);
    expect((await db.issue.findUniqueOrThrow({ where: { id: created.id } })).description).toBe(text);
    const activities = await changesOf(created.id);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      action: "description_changed",
      fromValue: null,
      toValue: null,
      actorId: editor.userId,
    });
    expect((await updateEventsOf(created.id)).map((event) => event.data)).toEqual([
      { field: "description", value: text },
    ]);
    const before = await footprint(created.id);
    await updateIssue(db, created.identifier, { description: text }, editor);
    expect(await footprint(created.id)).toEqual(before);
  });

  it("assignee: from/to emails in the activity, the user id in the event; unassigning too", async () => {
    const created = await newIssue();
    expect((await updateIssue(db, created.identifier, { assigneeId: other.id }, editor)).assignee?.id).toBe(other.id);
    await updateIssue(db, created.identifier, { assigneeId: other.id }, editor); // no-op
    expect((await updateIssue(db, created.identifier, { assigneeId: null }, editor)).assignee).toBeNull();
    await updateIssue(db, created.identifier, { assigneeId: null }, editor); // no-op
    expect(
      (await changesOf(created.id)).map(({ action, fromValue, toValue }) => ({ action, fromValue, toValue })),
    ).toEqual([
      { action: "assignee_changed", fromValue: null, toValue: other.email },
      { action: "assignee_changed", fromValue: other.email, toValue: null },
    ]);
    expect((await updateEventsOf(created.id)).map((event) => event.data)).toEqual([
      { field: "assignee", value: other.id },
      { field: "assignee", value: null },
    ]);
  });

  it("labels: added and removed names in one activity and one event; already present/absent is a no-op", async () => {
    const bug = await createLabel(db, { name: "bug-l1", color: "#ff0000" });
    const ui = await createLabel(db, { name: "ui-l1", color: "#00ff00" });
    const created = await newIssue();
    await updateIssue(db, created.identifier, { addLabelIds: [bug.id, ui.id] }, editor);
    await updateIssue(db, created.identifier, { addLabelIds: [bug.id], removeLabelIds: [] }, editor); // no-op
    const updated = await updateIssue(db, created.identifier, { removeLabelIds: [ui.id] }, editor);
    await updateIssue(db, created.identifier, { removeLabelIds: [ui.id] }, editor); // no-op
    expect(updated.labels.map((link) => link.label.name)).toEqual(["bug-l1"]);
    const activities = await changesOf(created.id);
    expect(activities.map(({ action, data }) => ({ action, data }))).toEqual([
      { action: "labels_changed", data: { added: ["bug-l1", "ui-l1"], removed: [] } },
      { action: "labels_changed", data: { added: [], removed: ["ui-l1"] } },
    ]);
    expect((await updateEventsOf(created.id)).map((event) => event.data)).toEqual([
      { field: "labels", value: { added: ["bug-l1", "ui-l1"], removed: [] } },
      { field: "labels", value: { added: [], removed: ["ui-l1"] } },
    ]);
  });

  it("several fields in one patch: one activity and one event per changed field only", async () => {
    const created = await newIssue();
    await updateIssue(db, created.identifier, { status: "todo", priority: "P3", title: "Two fields" }, editor); // P3 is current
    expect((await changesOf(created.id)).map((activity) => activity.action).sort()).toEqual([
      "status_changed",
      "title_changed",
    ]);
    expect(await updateEventsOf(created.id)).toHaveLength(2);
  });
});

describe("a refused change writes nothing", () => {
  it.each([
    ["unknown status", { status: "bogus" }, "status"],
    ["bad assignee uuid", { assigneeId: "not-a-uuid" }, "assigneeId"],
    ["bad label uuid", { addLabelIds: ["nope"] }, "addLabelIds.0"],
    ["empty title", { title: "   \n " }, "Give the issue a title"],
    ["301-char title", { title: "t".repeat(301) }, "300 characters"],
    ["100,001-char description", { description: "d".repeat(100_001) }, "100,000 characters"],
    ["unknown key", { status: "done", severity: "high" }, "severity"],
    ["empty patch", {}, "Nothing to change"],
  ])("%s → InvalidInputError naming it", async (_name, patch, mentions) => {
    const created = await newIssue();
    const before = await footprint(created.id);
    const error = await rejection(updateIssue(db, created.identifier, patch as never, editor));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.code).toBe("bad_request");
    expect(error.publicMessage).toContain(mentions);
    expect(await footprint(created.id)).toEqual(before);
  });

  it("an unknown assignee or label → not_found, and the valid fields of the patch are not applied either", async () => {
    const created = await newIssue();
    const before = await footprint(created.id);
    expect(
      (await rejection(updateIssue(db, created.identifier, { status: "done", assigneeId: randomUUID() }, editor))).code,
    ).toBe("not_found");
    expect(
      (await rejection(updateIssue(db, created.identifier, { priority: "P1", addLabelIds: [randomUUID()] }, editor)))
        .code,
    ).toBe("not_found");
    expect((await rejection(updateIssue(db, "TRI-99999", { priority: "P1" }, editor))).code).toBe("not_found");
    expect(await footprint(created.id)).toEqual(before);
  });

  it("an editor whose user row was deleted → unauthorized", async () => {
    const created = await newIssue();
    const gone = await db.user.create({ data: { email: `gone-${randomUUID()}@example.com` } });
    await db.user.delete({ where: { id: gone.id } });
    const before = await footprint(created.id);
    expect((await rejection(updateIssue(db, created.identifier, { status: "done" }, { userId: gone.id }))).code).toBe(
      "unauthorized",
    );
    expect((await rejection(createIssue(db, { projectKey: "TRI", title: "x" }, { userId: gone.id }))).code).toBe(
      "unauthorized",
    );
    expect(await footprint(created.id)).toEqual(before);
  });
});

// ---- 2. field-level concurrency ----------------------------------------------------------------------

describe("two people editing different fields at once", () => {
  it("both changes survive, every time (20 rounds)", async () => {
    const created = await newIssue();
    const statuses = ["todo", "in_progress"] as const;
    const priorities = ["P1", "P2"] as const;
    for (let round = 0; round < 20; round++) {
      const status = statuses[round % 2]!;
      const priority = priorities[round % 2]!;
      await Promise.all([
        updateIssue(db, created.identifier, { status }, editor),
        updateIssue(db, created.identifier, { priority }, { userId: other.id }),
      ]);
      const issue = await db.issue.findUniqueOrThrow({ where: { id: created.id } });
      expect({ round, status: issue.status, priority: issue.priority }).toEqual({ round, status, priority });
    }
    expect(await db.activity.count({ where: { issueId: created.id, action: "status_changed" } })).toBe(20);
    expect(await db.activity.count({ where: { issueId: created.id, action: "priority_changed" } })).toBe(20);
  });

  it("the same field changed at once by two: each change is recorded from the value the other wrote", async () => {
    const created = await newIssue();
    await Promise.all([
      updateIssue(db, created.identifier, { status: "done" }, editor),
      updateIssue(db, created.identifier, { status: "canceled" }, editor),
    ]);
    const changes = await changesOf(created.id);
    expect(changes).toHaveLength(2);
    // A chain from triage: the second change starts where the first ended (FOR UPDATE, then a fresh read).
    expect(changes[0]!.fromValue).toBe("triage");
    expect(changes[1]!.fromValue).toBe(changes[0]!.toValue);
    expect((await db.issue.findUniqueOrThrow({ where: { id: created.id } })).status).toBe(changes[1]!.toValue);
  });
});

// ---- 3. status → Jira sync ---------------------------------------------------------------------------

describe("a status change and the Jira sync job", () => {
  let jiraProjectKey: string;
  beforeAll(async () => {
    // Only the mapping's rows matter here; no Jira is called.
    const setup = await setUpJiraMapping(db, { url: "http://jira.invalid" } as FakeJira);
    jiraProjectKey = (await db.project.findUniqueOrThrow({ where: { id: setup.projectId } })).key;
  });

  async function ticketedIssue() {
    const created = await createIssue(db, { projectKey: jiraProjectKey, title: `Ticketed ${randomUUID()}` }, editor);
    expect(created.jiraQueued).toBe(true);
    // The creating job would cover the change (stately); start from none to count the change's own.
    await db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE data->>'issueId' = $1`, created.id);
    return created;
  }

  it("with a jira_ticket: exactly one jira.sync job; priority or title changes enqueue none", async () => {
    const created = await ticketedIssue();
    await updateIssue(db, created.identifier, { priority: "P1", title: "Still ticketed" }, editor);
    expect(await jiraSyncJobs(created.id)).toBe(0);
    await updateIssue(db, created.identifier, { status: "done" }, editor);
    expect(await jiraSyncJobs(created.id)).toBe(1);
  });

  it("is enqueued in the change's transaction: a rollback leaves neither the change nor the job", async () => {
    const created = await ticketedIssue();
    await expect(
      db.$transaction(async (tx) => {
        await applyIssuePatch(tx, created.id, { status: "done" }, editor);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await jiraSyncJobs(created.id)).toBe(0);
    expect((await db.issue.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("triage");
    expect(await changesOf(created.id)).toHaveLength(0);
  });

  it("without a jira_ticket: none", async () => {
    const created = await newIssue();
    await updateIssue(db, created.identifier, { status: "done" }, editor);
    expect(await jiraSyncJobs(created.id)).toBe(0);
  });

  it("a change that came from Jira: none (no ping-pong), but still its activity and event", async () => {
    const created = await ticketedIssue();
    await db.$transaction((tx) =>
      changeIssueField(
        tx,
        created.id,
        { field: "status", from: "triage", to: "done" },
        { name: "Jira", fromJira: true },
      ),
    );
    expect(await jiraSyncJobs(created.id)).toBe(0);
    expect(await changesOf(created.id)).toHaveLength(1);
    expect(await updateEventsOf(created.id)).toHaveLength(1);
  });
});

// ---- 4. createIssue ------------------------------------------------------------------------------------

describe("createIssue", () => {
  it("stores status, priority, assignee, labels; writes a created activity and a created event", async () => {
    const label = await createLabel(db, { name: "made-by-hand", color: "#123abc" });
    const created = await createIssue(
      db,
      {
        projectKey: " tri ",
        title: "  Hand   made ",
        description: "Steps\n\n",
        status: "todo",
        priority: "P2",
        assigneeId: other.id,
        labelIds: [label.id, label.id],
      },
      editor,
    );
    const issue = await db.issue.findUniqueOrThrow({
      where: { id: created.id },
      include: { labels: { include: { label: true } } },
    });
    expect(issue).toMatchObject({
      title: "Hand made",
      description: "Steps",
      status: "todo",
      priority: "P2",
      assigneeId: other.id,
      source: "manual",
      eventCount: 0,
    });
    expect(issue.identifier).toBe(`TRI-${issue.number}`);
    expect(issue.labels.map((link) => link.label.name)).toEqual(["made-by-hand"]);
    expect(
      await db.activity.findMany({
        where: { issueId: created.id },
        select: { action: true, actorId: true, data: true },
      }),
    ).toEqual([{ action: "created", actorId: editor.userId, data: { source: "manual" } }]);
    expect(
      await db.issueEvent.findMany({
        where: { issueId: created.id },
        select: { kind: true, actorId: true, data: true },
      }),
    ).toEqual([{ kind: "created", actorId: editor.userId, data: { source: "manual" } }]);
    expect(created.jiraQueued).toBe(false);
    expect(await db.jiraTicket.count({ where: { issueId: created.id } })).toBe(0);
  });

  it("refuses an unknown project, assignee or label (not_found) and bad input (bad_request) without using a number", async () => {
    const counter = async () => (await db.project.findUniqueOrThrow({ where: { key: "TRI" } })).issueCounter;
    const before = await counter();
    const issues = await db.issue.count();
    expect((await rejection(createIssue(db, { projectKey: "NOPE", title: "x" }, editor))).code).toBe("not_found");
    expect(
      (await rejection(createIssue(db, { projectKey: "TRI", title: "x", assigneeId: randomUUID() }, editor))).code,
    ).toBe("not_found");
    expect(
      (await rejection(createIssue(db, { projectKey: "TRI", title: "x", labelIds: [randomUUID()] }, editor))).code,
    ).toBe("not_found");
    expect(await rejection(createIssue(db, { projectKey: "TRI", title: " " }, editor))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(
      await rejection(createIssue(db, { projectKey: "TRI", title: "x", status: "nope" as never }, editor)),
    ).toBeInstanceOf(InvalidInputError);
    expect(await counter()).toBe(before);
    expect(await db.issue.count()).toBe(issues);
  });

  it("a Jira-mapped project: jira_ticket row and jira.sync job in the create; openJiraTicket: false opens none", async () => {
    const setup = await setUpJiraMapping(db, { url: "http://jira.invalid" } as FakeJira);
    const { key } = await db.project.findUniqueOrThrow({ where: { id: setup.projectId } });
    const withTicket = await createIssue(db, { projectKey: key, title: "Needs a ticket", priority: "P1" }, editor);
    expect(withTicket.jiraQueued).toBe(true);
    expect(await db.jiraTicket.findUnique({ where: { issueId: withTicket.id } })).toMatchObject({
      state: "pending",
      mappingId: setup.mappingId,
      projectKey: "OPS",
      options: { priorityName: "Highest" },
    });
    expect(await jiraSyncJobs(withTicket.id)).toBe(1);

    const without = await createIssue(db, { projectKey: key, title: "No ticket", openJiraTicket: false }, editor);
    expect(without.jiraQueued).toBe(false);
    expect(await db.jiraTicket.count({ where: { issueId: without.id } })).toBe(0);
    expect(await jiraSyncJobs(without.id)).toBe(0);
  });

  it("numbers gaplessly and uniquely from the counter ingestion uses: 30 manual + 30 Sentry creates at once", async () => {
    const project = await db.project.create({ data: { key: "MIX", name: "Mixed" } });
    await db.sourceMapping.create({ data: { source: "sentry", externalProject: "mix-app", projectId: project.id } });
    const sentryCreate = (n: number) =>
      ingestDelivery(db, sentryAdapter, {
        body: Buffer.from(JSON.stringify(sentryIssuePayload({ id: `7${n}00`, slug: "mix-app" }))),
        headers: new Headers({ "content-type": "application/json", "sentry-hook-resource": "issue" }),
      });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, n) => [
        createIssue(db, { projectKey: "MIX", title: `Manual ${n}` }, editor),
        sentryCreate(n),
      ]).flat(),
    );
    for (const result of results) if ("status" in result) expect(result.status).toBe(200);

    const issues = await db.issue.findMany({
      where: { projectId: project.id },
      select: { number: true, identifier: true, source: true },
    });
    expect(issues.map((issue) => issue.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, n) => n + 1),
    );
    expect(new Set(issues.map((issue) => issue.identifier)).size).toBe(60);
    expect(issues.filter((issue) => issue.source === "manual")).toHaveLength(30);
    expect(issues.filter((issue) => issue.source === "sentry")).toHaveLength(30);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).issueCounter).toBe(60);
  });
});

// ---- 7. labels -------------------------------------------------------------------------------------------

describe("createLabel", () => {
  it("normalises the name and colour and offers the label in the pickers", async () => {
    const label = await createLabel(db, { name: "  Needs   design ", color: "#AABBCC" });
    expect(label).toMatchObject({ name: "Needs design", color: "#aabbcc" });
    const options = await loadPickOptions(db);
    expect(options.labels).toContainEqual(label);
    expect(options.users.map((user) => user.email)).toEqual(
      expect.arrayContaining(["editor@example.com", "other@example.com"]),
    );
    expect(options.projects).toContainEqual({ key: "TRI", name: "Triage", hasJira: false });
  });

  it("a second label of the same name → conflict naming it", async () => {
    await createLabel(db, { name: "duplicate-me", color: "#000000" });
    const error = await rejection(createLabel(db, { name: " duplicate-me ", color: "#ffffff" }));
    expect(error.code).toBe("conflict");
    expect(error.publicMessage).toContain("duplicate-me");
    expect(await db.label.count({ where: { name: "duplicate-me" } })).toBe(1);
  });

  it("10 concurrent creates of one name: one label, nine conflicts", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => createLabel(db, { name: "raced", color: "#010203" })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason as AppError] : []));
    expect(refused.map((error) => error.code)).toEqual(Array(9).fill("conflict"));
    expect(await db.label.count({ where: { name: "raced" } })).toBe(1);
  });

  it.each([["red"], ["#fff"], ["#12345g"], ["123456"], ["#1234567"]])(
    "colour %s → InvalidInputError",
    async (color) => {
      const error = await rejection(createLabel(db, { name: `colour-${color}`, color }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.publicMessage).toContain("color");
      expect(await db.label.count({ where: { name: `colour-${color}` } })).toBe(0);
    },
  );

  it("an empty or 51-character name → InvalidInputError", async () => {
    expect(await rejection(createLabel(db, { name: "  ", color: "#000000" }))).toBeInstanceOf(InvalidInputError);
    expect(await rejection(createLabel(db, { name: "n".repeat(51), color: "#000000" }))).toBeInstanceOf(
      InvalidInputError,
    );
  });
});
