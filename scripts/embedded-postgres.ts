// Embedded PostgreSQL for `npm start` without DATABASE_URL: PGlite (Wasm Postgres) in this process,
// served over the Postgres wire protocol so the app and `prisma migrate deploy` use the same `pg` path
// as production. See docs/stack-notes.md (PostgreSQL).
//
// One active session at a time. PGlite is a single backend; pglite-socket multiplexes connections
// onto it and only keeps other connections out while one is inside an explicit BEGIN…COMMIT.
// Session state is shared: the unnamed prepared statement, SET, temp tables, session locks. A client
// whose Parse/Bind/Execute is split across TCP reads can bind another client's statement (reproduced:
// "bind message supplies 0 parameters, but prepared statement "" requires 1"). So the app gets a pool
// of ONE connection (DATABASE_POOL_MAX=1) and the launcher's own clients are closed before it starts.
// The server still accepts a few connections: pg-pool destroys a connection after any failed query
// (a unique violation included) and opens the next one at once, before this side has seen the old one
// close. With maxConnections 1 that new connection was refused ("Connection terminated unexpectedly":
// 9-29 of 30 concurrent webhooks failed); a Terminate from a closing connection leaves the live
// session's state alone (checked), so the headroom is safe.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** Resolves once every client has disconnected, so that the next one has PGlite to itself. */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  /** Closes the socket server, then PGlite (checkpoint, clean shutdown), then releases the lock. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  host?: string;
  port?: number;
}

const LOCK_FILE = "embedded-postgres.pid";
/** The app's one connection plus room for ones still closing (see above). */
const MAX_CONNECTIONS = 4;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, host = "127.0.0.1", port = 0 } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireLock(join(dataDir, LOCK_FILE));
  let db: PGlite | undefined;
  try {
    // pg_trgm: the search migration creates it (trigram indexes for partial words and identifiers).
    db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    const server = new PGLiteSocketServer({ db, host, port, maxConnections: MAX_CONNECTIONS });
    server.addEventListener("error", (event) => {
      console.error("[embedded-postgres] socket server error:", (event as CustomEvent).detail);
    });
    await server.start();
    const boundPort = Number(server.getServerConn().split(":").pop());
    const pglite = db;
    let stopping: Promise<void> | undefined;
    return {
      url: `postgresql://postgres:postgres@${host}:${boundPort}/postgres?sslmode=disable`,
      port: boundPort,
      dataDir,
      async waitUntilIdle(timeoutMs = 5_000) {
        const deadline = Date.now() + timeoutMs;
        while (server.getStats().activeConnections > 0) {
          if (Date.now() > deadline) throw new Error("embedded PostgreSQL: a client connection is still open");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stop() {
        stopping ??= (async () => {
          try {
            await server.stop();
          } finally {
            await pglite.close();
            releaseLock();
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    releaseLock();
    throw error;
  }
}

/** A pid file inside the data directory: PGlite itself does not stop two processes opening one directory. */
function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database in ${join(path, "..")} is in use by process ${owner} (another \`npm start\`?). ` +
            `Stop it first, or set EMBEDDED_DB_DIR to another directory (delete ${path} if that process is not a tracker).`,
        );
      }
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
