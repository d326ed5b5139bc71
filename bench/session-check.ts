// Session check benchmark: what the per-request session check (lib/auth/user-sessions.ts) adds to a
// request. "before" is what every request paid with bare JWT sessions (decrypting the cookie's JWT);
// "after" adds the check: the session row and its user in one indexed statement, against 100,000
// sessions of 10,000 users, on the same local PostgreSQL the tests use. Sequential requests (latency)
// and 20 in flight (throughput of the check alone), rounds interleaved; then the statement's plan.
// Run: npx tsx bench/session-check.ts [--requests 3000]
import { randomBytes } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { sessionUser } from "../lib/auth/user-sessions";
import { createDb } from "../lib/db";
import { createTestDatabase } from "../tests/support/database";
import { fmt, table } from "./lib/table";

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1]! : fallback;
};
const REQUESTS = Number(arg("requests", "3000"));
const ROUNDS = 3;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function timeEach(count: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

async function main() {
  const database = await createTestDatabase("bench_sessions");
  const db = createDb(database.url, 10);
  try {
    await db.$executeRawUnsafe(
      `INSERT INTO "user" (id, email, role, updated_at) SELECT 'u' || n, 'user' || n || '@example.com', 'member', now() FROM generate_series(1, 10000) AS n`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO session (id, session_token, user_id, expires) SELECT 's' || n, md5(n::text) || md5((n * 7)::text), 'u' || (1 + n % 10000), now() + interval '30 days' FROM generate_series(1, 100000) AS n`,
    );
    await db.$executeRawUnsafe(`ANALYZE session; ANALYZE "user"`);
    const [seeded] = await db.$queryRawUnsafe<{ sid: string }[]>(
      `SELECT session_token AS sid FROM session WHERE id = 's4242'`,
    );
    const sid = seeded!.sid;
    const secret = randomBytes(32).toString("hex");
    const token = await encode({
      token: { sub: "u4243", uid: "u4243", sid, role: "member", email: "user4243@example.com" },
      secret,
    });
    if (!(await sessionUser(db, sid))) throw new Error("the seeded session was not found");

    const before = () => decode({ token, secret });
    const after = async () => {
      const decoded = await decode({ token, secret });
      return sessionUser(db, decoded?.sid as string);
    };
    await timeEach(500, after); // warm-up: connections, prepared statement, caches

    const samples = { before: [] as number[], after: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      samples.before.push(...(await timeEach(REQUESTS / ROUNDS, before)));
      samples.after.push(...(await timeEach(REQUESTS / ROUNDS, after)));
    }
    const rows = Object.entries(samples).map(([name, times]) => {
      const sorted = [...times].sort((a, b) => a - b);
      const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
      return { name, mean, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) };
    });
    const [b, a] = rows as [(typeof rows)[number], (typeof rows)[number]];
    console.log(`\nPer-request session read, ${REQUESTS} sequential requests each (ms):\n`);
    console.log(
      table(
        ["", "mean", "p50", "p95", "p99"],
        [
          ...rows.map((row) => [
            row.name === "before" ? "before: JWT only" : "after: JWT + session row",
            fmt(row.mean, 3),
            fmt(row.p50, 3),
            fmt(row.p95, 3),
            fmt(row.p99, 3),
          ]),
          [
            "added by the check",
            fmt(a.mean - b.mean, 3),
            fmt(a.p50 - b.p50, 3),
            fmt(a.p95 - b.p95, 3),
            fmt(a.p99 - b.p99, 3),
          ],
        ],
      ),
    );

    const inFlight = 20;
    const started = Date.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (done < REQUESTS) {
          done += 1;
          await sessionUser(db, sid);
        }
      }),
    );
    console.log(
      `\nThe check alone, ${inFlight} in flight on a pool of 10: ${fmt((REQUESTS / (Date.now() - started)) * 1000)} checks/s`,
    );

    const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT u.id, u.email, u.name, u.role FROM session s JOIN "user" u ON u.id = s.user_id WHERE s.session_token = $1 AND s.expires > now() AND u.deactivated_at IS NULL`,
      sid,
    );
    console.log(`\nPlan (100,000 sessions, 10,000 users):\n${plan.map((row) => `  ${row["QUERY PLAN"]}`).join("\n")}`);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
