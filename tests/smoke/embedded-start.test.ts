// Smoke test of `npm start` without DATABASE_URL: the launcher starts the embedded PostgreSQL (PGlite)
// in a temporary directory, migrates, creates the ADMIN_EMAIL admin and runs the built app. A signed
// Sentry webhook (20 copies at once) becomes CHIPP-1 exactly once, the admin signs in and sees it, and
// after a clean restart on the same directory the issue is still there (the delivery is a duplicate).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually";
import { postSentry, sentryIssuePayload, TEST_SENTRY_SECRET } from "../support/sentry";
import { type RunningServer, startServer } from "../support/server";
import { signIn } from "../support/session";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const ADMIN = { email: "smoke-admin@example.com", password: "smoke-password-123" };
const SENTRY_ID = "880001";
const COPIES = 20;
const TITLE = "Smoke embedded start failure";
const payload = JSON.stringify(sentryIssuePayload({ id: SENTRY_ID, slug: "web-app", title: TITLE }));

interface WebhookBody {
  success?: boolean;
  deduplicated?: boolean;
  issue?: { identifier?: string };
}

// The issues page is someone else's work; its check runs as soon as the page exists in the source.
const issuesPageExists = (readdirSync(join(projectRoot, "app"), { recursive: true }) as string[]).some((path) =>
  /(^|[\\/])issues[\\/]page\.tsx$/.test(path),
);

let dataRoot: string | undefined;
let dbDir = "";

function startLauncher(): Promise<RunningServer> {
  return startServer({
    command: { file: process.execPath, args: ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"] },
    env: {
      DATABASE_URL: undefined, // the point of the test: no database configured
      DATABASE_POOL_MAX: undefined,
      EMBEDDED_DB_DIR: dbDir, // never the project's own .data
      // Set so that the launcher does not write .data/nextauth-secret into the checkout.
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      // Likewise for .data/secrets-key.
      SECRETS_KEY: randomBytes(32).toString("hex"),
      SENTRY_CLIENT_SECRET: TEST_SENTRY_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    timeoutMs: 120_000,
  });
}

/** The launcher prints its notes just after its own readiness probe, which may follow ours. */
async function waitForOutput(running: RunningServer, text: string, timeoutMs = 10_000): Promise<string> {
  await eventually(JSON.stringify(text), () => running.output().includes(text), {
    timeoutMs,
    intervalMs: 50,
    context: running.output,
  });
  return running.output();
}

describe("npm start without DATABASE_URL (embedded PostgreSQL)", () => {
  let server: RunningServer | undefined;

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), "tracker-embedded-start-"));
    dbDir = join(dataRoot, "pglite");
    server = await startLauncher();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  }, 30_000);

  it("uses the embedded database in EMBEDDED_DB_DIR and says how to sign in", async () => {
    const output = await waitForOutput(server!, "Sentry webhook URL");
    expect(output).toContain(`starting the embedded PostgreSQL (PGlite). Data lives in ${dbDir}`);
    expect(output).toContain(`as ${ADMIN.email}`);
    expect(output).toContain(`Sentry webhook URL: ${server!.url}/api/sentry/webhook`);
    expect(output).not.toContain("SENTRY_CLIENT_SECRET is not set");
  });

  it("turns a signed Sentry webhook into CHIPP-1, once, when copies of it arrive together", async () => {
    // The first deliveries of a fresh install, concurrently: they race to create the "sentry" label,
    // the losers' unique violations make pg-pool replace its one connection at once, and the
    // embedded server must accept the new connection while the old one is still closing.
    const responses = await Promise.all(
      Array.from({ length: COPIES }, async () => {
        const response = await postSentry(server!.url, payload);
        return { status: response.status, body: (await response.json()) as WebhookBody };
      }),
    );
    expect(
      responses.filter((response) => response.status !== 200),
      JSON.stringify(responses),
    ).toEqual([]);
    for (const { body } of responses) expect(body).toMatchObject({ success: true, issue: { identifier: "CHIPP-1" } });
    expect(responses.filter(({ body }) => body.deduplicated === undefined)).toHaveLength(1);
    expect(responses.filter(({ body }) => body.deduplicated === true)).toHaveLength(COPIES - 1);
  });

  it("lets the ADMIN_EMAIL admin sign in with ADMIN_PASSWORD", async () => {
    const jar = await signIn(server!.url, ADMIN.email, ADMIN.password);
    expect(jar.has("next-auth.session-token")).toBe(true);
    const session = (await (
      await fetch(`${server!.url}/api/auth/session`, { headers: { cookie: jar.header() } })
    ).json()) as {
      user?: { email?: string; role?: string };
    };
    expect(session.user).toMatchObject({ email: ADMIN.email, role: "admin" });

    const wrong = await signIn(server!.url, ADMIN.email, "not-the-password");
    expect(wrong.has("next-auth.session-token")).toBe(false);
  });

  it.skipIf(!issuesPageExists)("shows CHIPP-1 on /issues to the signed-in admin", async () => {
    const jar = await signIn(server!.url, ADMIN.email, ADMIN.password);
    const response = await fetch(`${server!.url}/issues`, { headers: { cookie: jar.header() }, redirect: "manual" });
    expect(response.status, "GET /issues as the signed-in admin").toBe(200);
    const html = await response.text();
    expect(html).toContain("CHIPP-1");
    expect(html).toContain(TITLE);
  });

  it("keeps the issue across a clean restart on the same data directory", async () => {
    const stopping = Date.now();
    await server!.stop(); // SIGTERM to the launcher's process group, SIGKILL after 5 s
    const stopMs = Date.now() - stopping;
    const output = server!.output();
    server = undefined;
    expect(output, `the launcher stops the app, then closes PGlite (stop took ${stopMs} ms)`).toContain(
      "Embedded PostgreSQL stopped",
    );

    // What is on disk, read directly (nothing else has the directory open now).
    const db = await PGlite.create(dbDir);
    try {
      const issues = await db.query<{ identifier: string; title: string }>("SELECT identifier, title FROM issue");
      expect(issues.rows).toEqual([{ identifier: "CHIPP-1", title: `[web-app] ${TITLE}` }]);
      const users = await db.query<{ email: string; role: string }>(`SELECT email, role::text AS role FROM "user"`);
      expect(users.rows).toEqual([{ email: ADMIN.email, role: "admin" }]);
    } finally {
      await db.close();
    }

    server = await startLauncher();
    expect(server.output()).toContain("Migrations up to date");
    const response = await postSentry(server.url, payload);
    const body = (await response.json()) as WebhookBody;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ success: true, deduplicated: true, issue: { identifier: "CHIPP-1" } });
  }, 180_000);
});
