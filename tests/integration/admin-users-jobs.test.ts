// The users and jobs consoles' domain on a real database: adding users with a password or an invite
// (hashed token, expiry, single use), the last active admin kept under concurrent demotions, failed and
// retrying pg-boss jobs listed, retried and cancelled; every change audited in its own transaction.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvite, addUser, findUsableInvite, reinviteUser } from "@/lib/admin/add-user";
import { listAdminChanges } from "@/lib/admin/audit-log";
import { listProblemJobs, parseJobFilter } from "@/lib/admin/list-jobs";
import { cancelJob, retryJob } from "@/lib/admin/manage-job";
import { changeUserRole, deactivateUser, listUsers, reactivateUser } from "@/lib/admin/users";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createDb, type Db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let db: Db;
let admin: { userId: string };

beforeAll(async () => {
  database = await createTestDatabase("admin_users_jobs");
  db = createDb(database.url, 6);
  admin = { userId: (await db.user.create({ data: { email: "root@example.com", role: "admin" } })).id };
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const lastEntry = async (targetId: string) => (await listAdminChanges(db, { targetId }))[0];

describe("adding users", () => {
  it("with an initial password: they can sign in at once", async () => {
    const added = await addUser(
      db,
      { email: " New@Example.com ", role: "member", access: "password", password: "initial-pass" },
      admin,
    );
    expect(added.invite).toBeUndefined();
    expect(await verifyCredentials(db, "new@example.com", "initial-pass")).toMatchObject({
      id: added.id,
      role: "member",
    });
    expect(await lastEntry(added.id)).toMatchObject({
      action: "user.created",
      actor: { id: admin.userId },
      details: { role: "member", access: "password" },
    });
    expect(JSON.stringify(await listAdminChanges(db, { targetId: added.id }))).not.toContain("initial-pass");
  });

  it("with an invite link: stored hashed, works once, then they sign in with the password they chose", async () => {
    const added = await addUser(
      db,
      { email: "invitee@example.com", name: "In Vitee", role: "admin", access: "invite" },
      admin,
    );
    const token = added.invite!.token;
    const stored = await db.userInvite.findFirstOrThrow({ where: { userId: added.id } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored.tokenHash).not.toContain(token);
    expect(await verifyCredentials(db, "invitee@example.com", "anything-at-all")).toBeNull();
    expect(await findUsableInvite(db, token)).toMatchObject({ email: "invitee@example.com" });

    await expect(acceptInvite(db, { token, password: "short" })).rejects.toMatchObject({
      status: 400,
      publicMessage: "password: Password must be at least 8 characters",
    });
    const [first, second] = await Promise.allSettled([
      acceptInvite(db, { token, password: "chosen-one-1" }),
      acceptInvite(db, { token, password: "chosen-two-2" }),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    const winner = first.status === "fulfilled" ? "chosen-one-1" : "chosen-two-2";
    expect(await verifyCredentials(db, "invitee@example.com", winner)).toMatchObject({ role: "admin" });
    expect(await findUsableInvite(db, token)).toBeNull();
    await expect(reinviteUser(db, added.id, admin)).rejects.toMatchObject({ status: 409 });
  });

  it("an expired or replaced invite link no longer works", async () => {
    const added = await addUser(db, { email: "late@example.com", role: "member", access: "invite" }, admin);
    const replacement = await reinviteUser(db, added.id, admin);
    expect(await findUsableInvite(db, added.invite!.token)).toBeNull();
    await expect(acceptInvite(db, { token: added.invite!.token, password: "long-enough" })).rejects.toMatchObject({
      status: 400,
    });
    await db.userInvite.updateMany({ where: { userId: added.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvite(db, { token: replacement.token, password: "long-enough" })).rejects.toMatchObject({
      status: 400,
    });
    expect(await lastEntry(added.id)).toMatchObject({ action: "user.invited" });
    expect((await listUsers(db)).find((user) => user.id === added.id)).toMatchObject({
      hasPassword: false,
      pendingInvite: { expiresAt: expect.any(Date) },
    });
  });

  it("answers bad input with a 400 naming the field, and a taken email with a 409", async () => {
    await expect(addUser(db, { email: "not-an-email", role: "member", access: "invite" }, admin)).rejects.toMatchObject(
      { status: 400, publicMessage: "email: Enter a valid email address" },
    );
    await expect(addUser(db, { email: "a@example.com", role: "owner", access: "invite" }, admin)).rejects.toMatchObject(
      { status: 400, publicMessage: expect.stringMatching(/^role:/) },
    );
    await expect(
      addUser(db, { email: "a@example.com", role: "member", access: "password" }, admin),
    ).rejects.toMatchObject({ status: 400, publicMessage: expect.stringMatching(/^password:/) });
    await expect(addUser(db, { email: "a@example.com", role: "member", access: "magic" }, admin)).rejects.toMatchObject(
      { status: 400 },
    );
    await expect(addUser(db, "nonsense", admin)).rejects.toMatchObject({ status: 400 });
    await expect(
      addUser(db, { email: "ROOT@example.com", role: "member", access: "invite" }, admin),
    ).rejects.toMatchObject({ status: 409, publicMessage: "A user with this email already exists" });
    await expect(acceptInvite(db, { token: "../../etc", password: "long-enough" })).rejects.toMatchObject({
      status: 400,
    });
    await expect(acceptInvite(db, null)).rejects.toMatchObject({ status: 400 });
  });
});

describe("roles and deactivation", () => {
  it("two admins demoting each other at once: one wins, one active admin remains; each change audited", async () => {
    const isolated = await createTestDatabase("admin_users_race");
    const raceDb = createDb(isolated.url, 6);
    try {
      const a = await raceDb.user.create({ data: { email: "a@example.com", role: "admin" } });
      const b = await raceDb.user.create({ data: { email: "b@example.com", role: "admin" } });
      for (let round = 0; round < 5; round++) {
        const results = await Promise.allSettled([
          changeUserRole(raceDb, a.id, "member", { userId: b.id }),
          deactivateUser(raceDb, b.id, { userId: a.id }),
        ]);
        expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
        expect(await raceDb.user.count({ where: { role: "admin", deactivatedAt: null } })).toBe(1);
        await raceDb.user.updateMany({ data: { role: "admin", deactivatedAt: null } });
      }
      expect((await listAdminChanges(raceDb, { targetType: "user" })).length).toBe(5);
    } finally {
      await raceDb.$disconnect();
      await isolated.drop();
    }
  });

  it("records role changes and (de)activation, and nothing for a change that changes nothing", async () => {
    const user = await db.user.create({ data: { email: "member@example.com" } });
    await changeUserRole(db, user.id, "member", admin);
    expect(await lastEntry(user.id)).toBeUndefined();
    await changeUserRole(db, user.id, "admin", admin);
    expect(await lastEntry(user.id)).toMatchObject({
      action: "user.role_changed",
      details: { role: "admin", previous: "member" },
    });
    await deactivateUser(db, user.id, admin);
    expect(await lastEntry(user.id)).toMatchObject({ action: "user.deactivated" });
    await reactivateUser(db, user.id, admin);
    expect(await lastEntry(user.id)).toMatchObject({ action: "user.reactivated" });
  });
});

describe("jobs", () => {
  async function problemJob(
    state: "failed" | "retry",
    queue: "jira.sync" | "github.correlate" = "jira.sync",
  ): Promise<string> {
    const id = await db.$transaction((tx) =>
      enqueueJob(tx, queue, { issueId: "00000000-0000-0000-0000-000000000000" }),
    );
    await db.$executeRawUnsafe(
      `UPDATE pgboss.job SET state = $2::pgboss.job_state, retry_count = 3, output = '{"message":"Jira answered 502"}'::jsonb,
              start_after = now() + interval '5 minutes', completed_on = CASE WHEN $2 = 'failed' THEN now() END WHERE id = $1::uuid`,
      id,
      state,
    );
    return id!;
  }

  it("lists failed and retrying jobs with their error, attempts and next run", async () => {
    const failed = await problemJob("failed");
    const retrying = await problemJob("retry", "github.correlate");
    const jobs = await listProblemJobs(db);
    expect(jobs.find((job) => job.id === failed)).toMatchObject({
      queue: "jira.sync",
      state: "failed",
      attempts: 4,
      error: "Jira answered 502",
      nextRunAt: null,
    });
    expect(jobs.find((job) => job.id === retrying)).toMatchObject({
      queue: "github.correlate",
      state: "retry",
      attempts: 3,
      nextRunAt: expect.any(Date),
    });
    expect((await listProblemJobs(db, parseJobFilter({ state: "retry" }))).every((job) => job.state === "retry")).toBe(
      true,
    );
    expect(() => parseJobFilter({ queue: "nope" })).toThrow(/queue: is not a known queue/);
    expect(() => parseJobFilter({ state: "active" })).toThrow(/state:/);
  });

  it("retry runs a job now (a failed one gets one more attempt); cancel sets it aside; both audited", async () => {
    const failed = await problemJob("failed");
    await retryJob(db, failed, admin);
    const [row] = await db.$queryRawUnsafe<{ state: string; retry_limit: number; due: boolean }[]>(
      `SELECT state::text, retry_limit, start_after <= now() AS due FROM pgboss.job WHERE id = $1::uuid`,
      failed,
    );
    expect(row).toMatchObject({ state: "retry", due: true });
    expect(await lastEntry(failed)).toMatchObject({ action: "job.retried", targetName: "jira.sync" });

    await cancelJob(db, failed, admin);
    expect((await listProblemJobs(db)).some((job) => job.id === failed)).toBe(false);
    expect(await lastEntry(failed)).toMatchObject({ action: "job.cancelled" });
    await expect(cancelJob(db, failed, admin)).rejects.toMatchObject({ status: 409 });
    await expect(retryJob(db, "not-a-job", admin)).rejects.toMatchObject({ status: 404 });
  });
});
