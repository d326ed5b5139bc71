// Sessions end when they should, on the next request: a cookie kept after signing out, a deleted or
// deactivated user's cookie, and a demoted admin's cookie open nothing they no longer may. Real server,
// real next-auth cookies, replayed as an attacker holding a copy would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeUserRole, deactivateUser, reactivateUser } from "@/lib/admin/users";
import { AppError } from "@/lib/errors";
import { addComment } from "@/lib/issues/add-comment";
import { startTestApp, type TestApp } from "../support/app";
import { postSentry, sentryIssuePayload } from "../support/sentry";
import { actionHeaders } from "../support/server-actions";
import { type CookieJar, ensureUser, SessionClient, signIn, signOut, type TestUser } from "../support/session";

let app: TestApp;
let issuePath: string;
let userNumber = 0;

beforeAll(async () => {
  app = await startTestApp("sessions");
  await ensureUser(app.db, { email: "keeper@example.com", password: "keeper-password", role: "admin" });
  expect((await postSentry(app.url, JSON.stringify(sentryIssuePayload({ id: "1" })))).status).toBe(200);
  issuePath = "/issues/CHIPP-1";
});

afterAll(async () => {
  await app?.stop();
});

async function newUser(role: TestUser["role"]): Promise<TestUser & { id: string }> {
  userNumber += 1;
  const user = { email: `user${userNumber}@example.com`, password: `password-${userNumber}-long`, role };
  await ensureUser(app.db, user);
  const { id } = await app.db.user.findUniqueOrThrow({ where: { email: user.email }, select: { id: true } });
  return { ...user, id };
}

const get = (jar: CookieJar, path: string) =>
  fetch(`${app.url}${path}`, { redirect: "manual", headers: { cookie: jar.header() } });

async function expectSignedOut(jar: CookieJar, path: string) {
  const response = await get(jar, path);
  expect(response.status).toBe(307);
  expect(new URL(response.headers.get("location")!, app.url).pathname).toBe("/signin");
  const session = await get(jar, "/api/auth/session");
  expect(await session.json()).toEqual({});
}

describe("signing out", () => {
  it("a copy of the cookie kept after signing out opens nothing", async () => {
    const user = await newUser("member");
    const jar = await signIn(app.url, user.email, user.password);
    expect((await get(jar, "/issues")).status).toBe(200);
    const copy = jar.header();

    expect((await signOut(app.url, jar)).status).toBe(200);
    const replay = { header: () => copy } as CookieJar;
    await expectSignedOut(replay, "/issues");
    await expectSignedOut(replay, issuePath);
  });

  it("ends only that browser's session: the same user signed in elsewhere stays signed in", async () => {
    const user = await newUser("member");
    const laptop = await signIn(app.url, user.email, user.password);
    const phone = await signIn(app.url, user.email, user.password);
    await signOut(app.url, laptop);
    expect((await get(phone, "/issues")).status).toBe(200);
  });
});

describe("deleted users", () => {
  it("a deleted user's cookie is signed out: pages redirect to sign-in, the admin API answers 401", async () => {
    const user = await newUser("admin");
    const client = await SessionClient.signIn(app.url, user);
    expect((await client.get(issuePath)).status).toBe(200);
    expect((await client.get("/api/admin/projects")).status).toBe(200);

    await app.db.user.delete({ where: { id: user.id } });
    await expectSignedOut(client.jar, issuePath);
    const api = await client.get("/api/admin/projects");
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: "Authentication required" });
  });

  it("a comment by an author deleted meanwhile is refused as unauthorized, not a database error", async () => {
    const error = await addComment(app.db, {
      issueIdentifier: "CHIPP-1",
      authorId: "00000000-0000-4000-8000-000000000000",
      body: "hello",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 401, publicMessage: "Your account no longer exists: sign in again" });
    expect(await app.db.comment.count()).toBe(0);
  });
});

describe("role changes", () => {
  it("a demoted admin is refused /admin and the admin API on the next request", async () => {
    const user = await newUser("admin");
    const client = await SessionClient.signIn(app.url, user);
    expect((await client.get("/admin")).status).toBe(200);

    await changeUserRole(app.db, user.id, "member");
    const page = await client.get("/admin");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("/issues?denied=admin");
    for (const path of ["/admin/deliveries", "/admin/jobs", "/admin/users", "/admin/audit"]) {
      expect((await client.get(path)).headers.get("location"), path).toBe("/issues?denied=admin");
    }
    expect((await client.get("/api/admin/projects")).status).toBe(403);
    // The admin console's server actions read the role too: a user added with the old cookie is refused.
    const users = await app.db.user.count();
    const action = await client.request(
      "POST",
      "/admin/users",
      JSON.stringify([{ email: "via-old-cookie@example.com", role: "admin", access: "invite" }]),
      actionHeaders("app/(app)/admin/users/actions.ts", "addUserAction", { origin: app.url }),
    );
    expect(action.headers.get("x-action-redirect") ?? action.headers.get("location")).toContain("/issues?denied=admin");
    expect(await app.db.user.count()).toBe(users);
    // Still signed in, as a member.
    expect((await client.get("/issues")).status).toBe(200);
  });

  it("a promoted member gets /admin on the next request", async () => {
    const user = await newUser("member");
    const client = await SessionClient.signIn(app.url, user);
    expect((await client.get("/admin")).headers.get("location")).toBe("/issues?denied=admin");
    await changeUserRole(app.db, user.id, "admin");
    expect((await client.get("/admin")).status).toBe(200);
  });

  it("the last active admin cannot be demoted or deactivated", async () => {
    const admins = await app.db.user.findMany({
      where: { role: "admin", deactivatedAt: null },
      select: { id: true, email: true },
    });
    const [keeper, ...others] = admins.sort((a, b) =>
      a.email === "keeper@example.com" ? -1 : b.email === "keeper@example.com" ? 1 : 0,
    );
    for (const other of others) await changeUserRole(app.db, other.id, "member");
    await expect(changeUserRole(app.db, keeper!.id, "member")).rejects.toMatchObject({
      status: 409,
      publicMessage: "At least one active admin must remain",
    });
    await expect(deactivateUser(app.db, keeper!.id)).rejects.toMatchObject({ status: 409 });
    await expect(changeUserRole(app.db, keeper!.id, "owner")).rejects.toMatchObject({ status: 400 });
    await expect(changeUserRole(app.db, "not-an-id", "member")).rejects.toMatchObject({ status: 404 });
  });
});

describe("deactivation", () => {
  it("a deactivated user is signed out at once and cannot sign in again until reactivated", async () => {
    const user = await newUser("member");
    const jar = await signIn(app.url, user.email, user.password);
    expect((await get(jar, "/issues")).status).toBe(200);

    await deactivateUser(app.db, user.id);
    await expectSignedOut(jar, "/issues");
    expect(await app.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await signIn(app.url, user.email, user.password)).has("next-auth.session-token")).toBe(false);

    await reactivateUser(app.db, user.id);
    const again = await signIn(app.url, user.email, user.password);
    expect((await get(again, "/issues")).status).toBe(200);
    // The old cookie stays ended.
    await expectSignedOut(jar, "/issues");
  });
});

it("a cookie whose session row is gone (expired, removed) is signed out", async () => {
  const user = await newUser("member");
  const jar = await signIn(app.url, user.email, user.password);
  await app.db.session.deleteMany({ where: { userId: user.id } });
  await expectSignedOut(jar, "/issues");
});
