// `npm start`: validates the environment, builds if needed, starts the embedded PostgreSQL when
// DATABASE_URL is unset, migrates, bootstraps (default project, first admin), then runs the app's server
// (scripts/serve.ts: Next.js behind a guard for requests Next would answer with a 500)
// and stops everything cleanly on SIGINT/SIGTERM (app first, then the database).
//
// Launcher-only variables: PORT (default 3000), HOST (default 0.0.0.0),
// EMBEDDED_DB_DIR (embedded database directory, default .data/pglite).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BootstrapResult, bootstrap, startupNotes } from "../lib/bootstrap/bootstrap";
import {
  generateSecretsKey,
  loadOrCreateSecret,
  NEXTAUTH_SECRET_PATH,
  SECRETS_KEY_PATH,
} from "../lib/bootstrap/secret";
import { createDb } from "../lib/db";
import { type Env, EnvError, parseEnv } from "../lib/env";
import { installJobQueues } from "../lib/jobs/boss";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";

const root = fileURLToPath(new URL("..", import.meta.url));
const NEXT_BIN = join(root, "node_modules/next/dist/bin/next");
const SERVE_SCRIPT = join(root, "scripts/serve.ts");
const SECRET_FILE = join(root, NEXTAUTH_SECRET_PATH);
const SECRETS_KEY_FILE = join(root, SECRETS_KEY_PATH);
const BUILD_STAMP = "launcher-build.json"; // in .next: the commit the launcher built
// The app's IPC channel closes when the launcher dies, even by SIGKILL: the app then exits instead of
// holding the port without a database.
const EXIT_WITH_LAUNCHER = ["--import", `data:text/javascript,process.on("disconnect",()=>process.exit(1))`];

const log = (message: string) => console.log(`[start] ${message}`);
const warn = (message: string) => console.warn(`[start] WARNING: ${message}`);

let stopSignal: NodeJS.Signals | undefined;
let current: ChildProcess | undefined;
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** SIGINT/SIGTERM: end the running child (the app, or a build/migration), then main() stops the database. */
function handleStopSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopSignal) return;
      stopSignal = signal;
      log(`${signal} received: shutting down…`);
      if (current && running(current)) {
        current.kill("SIGTERM");
        const child = current;
        // The app finishes in-flight requests and jobs within 25 s (lib/jobs/stop-with-next.ts).
        setTimeout(() => running(child) && child.kill("SIGKILL"), 30_000).unref();
      }
    });
  }
}

/** Runs a child process (tracked so that a stop signal reaches it); resolves with its exit code. */
function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { capture?: boolean } = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  current = child;
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return new Promise((resolvePromise, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolvePromise({ code, output }));
  });
}

/** Why `.next` must be (re)built: no build, or one the launcher made at another git commit. */
export function buildReason(nextDir: string, head: string | undefined): string | undefined {
  const buildIdFile = join(nextDir, "BUILD_ID");
  const stampFile = join(nextDir, BUILD_STAMP);
  if (!existsSync(buildIdFile)) return "No build found (.next/BUILD_ID)";
  if (!head || !existsSync(stampFile)) return undefined; // e.g. built by `npm run build`: trusted as is
  let stamp: { buildId?: string; head?: string };
  try {
    stamp = JSON.parse(readFileSync(stampFile, "utf8")) as typeof stamp;
  } catch {
    return undefined;
  }
  // `next build` empties .next, so a stamp next to another BUILD_ID is not about this build.
  if (stamp.buildId !== readFileSync(buildIdFile, "utf8").trim() || stamp.head === head) return undefined;
  return `The build is from commit ${stamp.head?.slice(0, 8)}, the checkout is at ${head.slice(0, 8)}`;
}

async function ensureBuild(): Promise<void> {
  // The build folder next.config.ts uses (NEXT_DIST_DIR lets parallel checkouts keep separate builds).
  const nextDir = join(root, process.env.NEXT_DIST_DIR || ".next");
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).stdout?.trim() || undefined;
  const reason = buildReason(nextDir, head);
  if (!reason) return;
  log(`${reason}: running next build (takes a minute or two)…`);
  const { code } = await run([NEXT_BIN, "build"], { ...process.env, NODE_ENV: "production" });
  if (stopSignal) return;
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
  const buildId = readFileSync(join(nextDir, "BUILD_ID"), "utf8").trim();
  if (head) writeFileSync(join(nextDir, BUILD_STAMP), JSON.stringify({ buildId, head }));
}

interface Database {
  url: string;
  poolMax: number;
  embedded?: EmbeddedPostgres;
}

async function openDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_URL) {
    const { hostname, port, pathname } = new URL(env.DATABASE_URL);
    log(`Using DATABASE_URL (${hostname}${port ? `:${port}` : ""}${pathname})`);
    return { url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX };
  }
  const dataDir = resolve(root, process.env.EMBEDDED_DB_DIR?.trim() || ".data/pglite");
  log(`DATABASE_URL is not set: starting the embedded PostgreSQL (PGlite). Data lives in ${dataDir}`);
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({ dataDir });
  log(`Embedded PostgreSQL listening on 127.0.0.1:${embedded.port} (${Date.now() - started} ms)`);
  // PGlite is a single backend: the app gets a pool of one connection (see embedded-postgres.ts).
  return { url: embedded.url, poolMax: 1, embedded };
}

async function migrate(database: Database): Promise<void> {
  const started = Date.now();
  // Asynchronous on purpose: scripts/migrate.ts's spawnSync would block this process's event loop,
  // which serves the embedded database, and the migration would wait for it forever.
  // scripts/prisma-migrate-deploy.mjs ends the CLI once it reports success (it would idle 10 s).
  const { code, output } = await run(
    [join(root, "scripts/prisma-migrate-deploy.mjs")],
    { ...process.env, DATABASE_URL: database.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    { capture: true },
  );
  if (stopSignal) return;
  if (code !== 0) throw new Error(`prisma migrate deploy failed:\n${output}`);
  const applied = output.match(/following migration\(s\) have been applied/) ? "applied" : "up to date";
  await installJobQueues(database.url);
  log(`Migrations ${applied}, job queues ready (${Date.now() - started} ms).`);
  await database.embedded?.waitUntilIdle();
}

async function runBootstrap(database: Database, env: Env): Promise<BootstrapResult> {
  const started = Date.now();
  const db = createDb(database.url, 1);
  try {
    const result = await bootstrap(db, env);
    log(`Default project ${result.projectKey} ready (${Date.now() - started} ms).`);
    return result;
  } finally {
    await db.$disconnect();
    await database.embedded?.waitUntilIdle();
  }
}

async function waitUntilReady(app: ChildProcess, url: string): Promise<boolean> {
  while (running(app) && !stopSignal) {
    if (await probe(url)) return !stopSignal;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
  return false;
}

/** One GET without keep-alive: an idle kept-alive socket would delay `next start`'s shutdown by seconds. */
function probe(url: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const request = http.get(url, { agent: false, timeout: 10_000 }, (response) => {
      response.resume();
      response.on("end", () => resolvePromise(response.statusCode === 200));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolvePromise(false));
  });
}

async function main(): Promise<number> {
  handleStopSignals();
  (process.env as Record<string, string | undefined>).NODE_ENV = "production";
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    return 1;
  }
  const port = Number(process.env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`Invalid environment configuration:\n  PORT: must be a port number, got "${process.env.PORT}"`);
    return 1;
  }
  const host = process.env.HOST?.trim() || "0.0.0.0";

  await ensureBuild();
  if (stopSignal) return 0;
  const database = await openDatabase(env);
  try {
    if (stopSignal) return 0;
    await migrate(database);
    if (stopSignal) return 0;
    const { signIn } = await runBootstrap(database, env);
    if (stopSignal) return 0;

    let secret = env.NEXTAUTH_SECRET;
    if (!secret) {
      const stored = loadOrCreateSecret(SECRET_FILE);
      secret = stored.secret;
      log(
        `${stored.created ? "Generated NEXTAUTH_SECRET and saved it to" : "Using NEXTAUTH_SECRET from"} ${SECRET_FILE}`,
      );
    }
    // Integration secrets (Jira and GlitchTip tokens) are sealed with this key: losing it loses them.
    let secretsKey = env.SECRETS_KEY;
    if (!secretsKey) {
      const stored = generateSecretsKey(root);
      secretsKey = stored.secret;
      log(
        `${stored.created ? "Generated SECRETS_KEY and saved it to" : "Using SECRETS_KEY from"} ${SECRETS_KEY_FILE}${stored.created ? " (back it up with the database)" : ""}`,
      );
    }
    const baseUrl = (env.NEXTAUTH_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");

    const app = spawn(
      process.execPath,
      [...EXIT_WITH_LAUNCHER, "--import", "tsx", SERVE_SCRIPT, "--hostname", host, "--port", String(port)],
      {
        cwd: root,
        stdio: ["inherit", "inherit", "inherit", "ipc"],
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          DATABASE_URL: database.url,
          DATABASE_POOL_MAX: String(database.poolMax),
          NEXTAUTH_SECRET: secret,
          SECRETS_KEY: secretsKey,
          NEXTAUTH_URL: baseUrl,
        },
      },
    );
    current = app;
    const exited = new Promise<number | null>((resolvePromise) => app.once("exit", (code) => resolvePromise(code)));
    const probeHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
    if (await waitUntilReady(app, `http://${probeHost}:${port}/api/health`)) {
      const { info, warnings } = startupNotes({
        baseUrl,
        signIn,
        sentrySecretSet: env.SENTRY_CLIENT_SECRET !== undefined,
      });
      log(`Ready in ${process.uptime().toFixed(1)} s.`);
      for (const line of info) log(line);
      for (const line of warnings) warn(line);
    }
    const code = await exited;
    if (stopSignal) {
      log("App stopped.");
      return 0;
    }
    console.error(`[start] The app exited unexpectedly (exit code ${code}).`);
    return code || 1;
  } finally {
    if (database.embedded) {
      const stopping = Date.now();
      await database.embedded.stop();
      log(`Embedded PostgreSQL stopped (${Date.now() - stopping} ms).`);
    }
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
