// The process's pool on a real PostgreSQL: an idle connection that dies is dropped and logged briefly.
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createPool } from "@/lib/db";
import { logger } from "@/lib/logger";
import { createTestDatabase, TEST_PG_ADMIN_URL, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("db_pool");
});
afterAll(async () => {
  await database?.drop();
});

it("an idle connection killed by the server is logged by cause only (no client state) and the pool goes on", async () => {
  const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
  const pool = createPool(database.url, 2);
  try {
    await pool.query({ name: "probe", text: "SELECT 1 AS one" });
    const [{ pid }] = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.end();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());

    const [fields, message] = warn.mock.calls[0] as unknown as [{ err: Record<string, unknown> }, string];
    expect(message).toBe("db.idle_connection_error");
    expect(fields.err).toEqual({
      type: "error",
      message: "terminating connection due to administrator command",
      code: "57P01",
    });
    expect(JSON.stringify(fields)).not.toContain("SELECT");
    expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  } finally {
    warn.mockRestore();
    await pool.end();
  }
});
