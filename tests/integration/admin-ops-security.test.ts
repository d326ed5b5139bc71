// The operations console refuses what it must, on the real server: every admin server action posted
// from another site (with the admin's cookies) or by a member changes nothing; admin API writes refuse
// a cross-site Origin or Sec-Fetch-Site; the invite page is reachable without a session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "@/lib/admin/add-user";
import { startTestApp, type TestApp } from "../support/app";
import { actionHeaders } from "../support/server-actions";
import { ensureUser, SessionClient } from "../support/session";

let app: TestApp;
let admin: SessionClient;
let member: SessionClient;
let memberId: string;

beforeAll(async () => {
  app = await startTestApp("admin_ops_security", { WORKER_IN_WEB: "false" });
  const adminUser = { email: "sec-admin@example.com", password: "sec-admin-password", role: "admin" as const };
  const memberUser = { email: "sec-member@example.com", password: "sec-member-password", role: "member" as const };
  await ensureUser(app.db, adminUser);
  await ensureUser(app.db, memberUser);
  memberId = (await app.db.user.findUniqueOrThrow({ where: { email: memberUser.email } })).id;
  admin = await SessionClient.signIn(app.url, adminUser);
  member = await SessionClient.signIn(app.url, memberUser);
});
afterAll(async () => {
  await app?.stop();
});

const ACTIONS: { page: string; file: string; name: string; args: () => unknown[] }[] = [
  {
    page: "/admin/users",
    file: "app/(app)/admin/users/actions.ts",
    name: "addUserAction",
    args: () => [{ email: "intruder@example.com", role: "admin", access: "password", password: "intruder-password" }],
  },
  {
    page: "/admin/users",
    file: "app/(app)/admin/users/actions.ts",
    name: "changeRoleAction",
    args: () => [memberId, "admin"],
  },
  {
    page: "/admin/users",
    file: "app/(app)/admin/users/actions.ts",
    name: "deactivateUserAction",
    args: () => [memberId],
  },
  {
    page: "/admin/users",
    file: "app/(app)/admin/users/actions.ts",
    name: "reinviteUserAction",
    args: () => [memberId],
  },
  {
    page: "/admin/jobs",
    file: "app/(app)/admin/jobs/actions.ts",
    name: "retryJobAction",
    args: () => ["00000000-0000-4000-8000-000000000000"],
  },
  {
    page: "/admin/jobs",
    file: "app/(app)/admin/jobs/actions.ts",
    name: "cancelJobAction",
    args: () => ["00000000-0000-4000-8000-000000000000"],
  },
  {
    page: "/admin/deliveries",
    file: "app/(app)/admin/deliveries/actions.ts",
    name: "replayAllFailedAction",
    args: () => [{}],
  },
  {
    page: "/admin/deliveries",
    file: "app/(app)/admin/deliveries/actions.ts",
    name: "replayDeliveryAction",
    args: () => ["00000000-0000-4000-8000-000000000000"],
  },
];

function postAction(client: SessionClient, action: (typeof ACTIONS)[number], headers: Record<string, string>) {
  return fetch(`${app.url}${action.page}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: client.jar.header(), ...actionHeaders(action.file, action.name, headers) },
    body: JSON.stringify(action.args()),
  });
}

/** What any of the actions would change. */
async function state() {
  const [users, audit, member] = await Promise.all([
    app.db.user.count(),
    app.db.adminAuditEntry.count(),
    app.db.user.findUniqueOrThrow({ where: { id: memberId }, select: { role: true, deactivatedAt: true } }),
  ]);
  return { users, audit, member };
}

describe("admin server actions", () => {
  it.each(ACTIONS.map((action) => [action.name, action] as const))(
    "%s posted from another site with the admin's cookies → 403, nothing changed",
    async (_name, action) => {
      const before = await state();
      for (const origin of ["https://evil.example", "null"]) {
        const response = await postAction(admin, action, { origin });
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({ error: "Cross-origin server action refused" });
      }
      expect(await state()).toEqual(before);
    },
  );

  it.each(ACTIONS.map((action) => [action.name, action] as const))(
    "%s posted by a member → refused, nothing changed",
    async (_name, action) => {
      const before = await state();
      const response = await postAction(member, action, { origin: app.url });
      expect(response.status).toBeLessThan(500);
      // requireAdmin redirects a member away instead of answering the action.
      expect(response.headers.get("x-action-redirect") ?? response.headers.get("location") ?? "").toContain(
        "/issues?denied=admin",
      );
      expect(await state()).toEqual(before);
    },
  );

  it("the same action from this site as an admin goes through (the refusals above are not a broken action)", async () => {
    const action = ACTIONS.find((entry) => entry.name === "reinviteUserAction")!;
    const invitee = await addUser(
      app.db,
      { email: "sec-invitee@example.com", role: "member", access: "invite" },
      { userId: null },
    );
    const response = await fetch(`${app.url}${action.page}`, {
      method: "POST",
      headers: { cookie: admin.jar.header(), ...actionHeaders(action.file, action.name, { origin: app.url }) },
      body: JSON.stringify([invitee.id]),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"ok":true');
  });
});

describe("admin API writes", () => {
  it("refuse a cross-site Sec-Fetch-Site even without an Origin header", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const response = await admin.request(
        "POST",
        "/api/admin/projects",
        { key: "XSITE", name: "Cross site" },
        { "sec-fetch-site": site },
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "Cross-origin request refused" });
    }
    expect(await app.db.project.count({ where: { key: "XSITE" } })).toBe(0);
    const same = await admin.request(
      "POST",
      "/api/admin/projects",
      { key: "SAMESITE", name: "Same" },
      { "sec-fetch-site": "same-origin", origin: app.url },
    );
    expect(same.status).toBe(201);
  });
});

describe("the invite page", () => {
  it("is reachable without a session, and a bad token gets a page saying so, not a 500", async () => {
    const invitee = await addUser(
      app.db,
      { email: "sec-page@example.com", role: "member", access: "invite" },
      { userId: null },
    );
    const good = await fetch(`${app.url}/invite/${invitee.invite!.token}`, { redirect: "manual" });
    expect(good.status).toBe(200);
    expect(await good.text()).toContain("sec-page@example.com");
    for (const token of ["nope", "%E2%82%AC", "a".repeat(43)]) {
      const bad = await fetch(`${app.url}/invite/${token}`, { redirect: "manual" });
      expect(bad.status, token).toBe(200);
      expect(await bad.text()).toContain("Invite link not valid");
    }
  });
});
