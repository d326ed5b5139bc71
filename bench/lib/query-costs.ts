// What the ingestion pipeline costs without the web framework around it, piece by piece, next to
// what single Prisma and pg calls cost. Runs in this process against the profile database: wall time
// and CPU (this process = Prisma + pg driver; PostgreSQL separately), and SQL round trips counted
// through the proxy.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { TEST_SENTRY_SECRET } from "../../tests/support/sentry";
import { cpuSnapshot } from "./cpu";
import { DUPLICATE_ID, deliveryBody, deliveryHeaders } from "./deliveries";
import type { PgCountingProxy } from "./pg-proxy";
import { fmt, table } from "./table";

/** In-process new ids start here, far from the ids the HTTP scenarios use. */
let nextNewId = 7_000_000_000;
const newId = () => String(nextNewId++);

interface Op {
  name: string;
  run: (ctx: Ctx) => Promise<void>;
}

interface Ctx {
  prisma: import("../../lib/db").Db;
  pool: pg.Pool;
}

export interface OpCost {
  name: string;
  wallMs: number;
  cpuMs: number;
  postgresCpuMs: number;
  roundTrips: number;
  /** Set for the runs with concurrent callers. */
  concurrent?: { callers: number; opsPerSecond: number; p50: number; p99: number };
}

const CONCURRENT_CALLERS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function measureQueryCosts(
  directUrl: string,
  proxiedUrl: string,
  proxy: PgCountingProxy,
  iterations: number,
): Promise<OpCost[]> {
  // The application modules read their configuration once, at first use (LOG_LEVEL=warn is set by `npm run bench`:
  // the benchmark's own database setup reads it earlier).
  process.env.SENTRY_CLIENT_SECRET = TEST_SENTRY_SECRET;
  const { createDb, poolOf } = await import("../../lib/db");
  const { ingestDelivery } = await import("../../lib/ingest/ingest-delivery");
  const { storeDelivery, storeDeliveryAndLookUp, finishDelivery } = await import("../../lib/ingest/delivery-store");
  const { findLinkedIssue } = await import("../../lib/ingest/delivery-store");
  const { resolveMapping } = await import("../../lib/ingest/resolve-project");
  const { sentryAdapter } = await import("../../lib/sources/sentry/adapter");
  const { logger } = await import("../../lib/logger");
  const { DEFAULT_PROJECT_KEY: defaultProjectKey } = (await import("../../lib/env")).getEnv();

  const signed = (id: string) => {
    const body = deliveryBody(id);
    return { body: Buffer.from(body), headers: new Headers(deliveryHeaders(body)) };
  };

  const stored = () => ({
    id: randomUUID(),
    source: "sentry",
    delivery: signed(DUPLICATE_ID),
    keptHeaders: sentryAdapter.keptHeaders,
  });
  const duplicateRef = {
    source: "sentry",
    externalId: DUPLICATE_ID,
    externalProject: "web-app",
    displayId: "WEB-APP-1",
  };
  let lastDeliveryId = "";

  const ops: Op[] = [
    {
      name: "ingestDelivery(), duplicate",
      run: async ({ prisma }) => void (await ingestDelivery(prisma, sentryAdapter, signed(DUPLICATE_ID))),
    },
    {
      name: "ingestDelivery(), new issue",
      run: async ({ prisma }) => void (await ingestDelivery(prisma, sentryAdapter, signed(newId()))),
    },
    {
      name: "  storeDeliveryAndLookUp, tracked (deduplicated)",
      run: async ({ prisma }) => void (await storeDeliveryAndLookUp(prisma, stored(), duplicateRef, true)),
    },
    {
      name: "  storeDelivery (received)",
      run: async ({ prisma }) => {
        const input = stored();
        await storeDelivery(prisma, input);
        lastDeliveryId = input.id;
      },
    },
    {
      name: "  finishDelivery",
      run: ({ prisma }) =>
        finishDelivery(prisma, lastDeliveryId, { outcome: "deduplicated", externalId: DUPLICATE_ID }),
    },
    {
      name: "  findLinkedIssue",
      run: async ({ prisma }) => void (await findLinkedIssue(poolOf(prisma), "sentry", DUPLICATE_ID)),
    },
    {
      name: "  resolveMapping (no mapping -> default)",
      run: async ({ prisma }) => void (await resolveMapping(prisma, "sentry", "web-app")),
    },
    {
      name: "  $transaction(async tx => SELECT 1)",
      run: async ({ prisma }) => void (await prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`)),
    },
    {
      name: "  Prisma findUnique (1 SQL)",
      run: async ({ prisma }) =>
        void (await prisma.project.findUnique({ where: { key: defaultProjectKey }, select: { id: true } })),
    },
    { name: "  Prisma $queryRaw SELECT 1", run: async ({ prisma }) => void (await prisma.$queryRaw`SELECT 1`) },
    { name: "  pg pool.query SELECT 1", run: async ({ pool }) => void (await pool.query("SELECT 1")) },
    {
      name: "  verify + parse + interpret (no SQL)",
      run: async () => {
        const delivery = signed(newId());
        if (!sentryAdapter.verify(delivery).ok) throw new Error("bad signature");
        sentryAdapter.interpret(JSON.parse(delivery.body.toString("utf8")), delivery.headers, logger);
      },
    },
  ];

  const direct: Ctx = { prisma: createDb(directUrl, 10), pool: new pg.Pool({ connectionString: directUrl, max: 10 }) };
  const proxied: Ctx = {
    prisma: createDb(proxiedUrl, 10),
    pool: new pg.Pool({ connectionString: proxiedUrl, max: 10 }),
  };
  const costs: OpCost[] = [];
  try {
    for (const op of ops) {
      for (let i = 0; i < Math.min(30, iterations); i++) await op.run(direct); // warm-up (JIT, connections)
      const before = cpuSnapshot(-1);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < iterations; i++) await op.run(direct);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const after = cpuSnapshot(-1);
      // Round trips, counted separately through the proxy (its parsing would otherwise count as CPU here).
      const counted = Math.min(20, iterations);
      await op.run(proxied);
      proxy.take();
      for (let i = 0; i < counted; i++) await op.run(proxied);
      const trips = proxy.take().roundTrips;
      costs.push({
        name: op.name,
        wallMs: wall / iterations,
        cpuMs: (cpu.user + cpu.system) / 1000 / iterations,
        postgresCpuMs: (after.postgres - before.postgres) / iterations,
        roundTrips: trips / counted,
      });
    }
    // The same new-issue work with concurrent callers: the current code holds the project row lock
    // across several round trips, the one-statement version only for one statement.
    const concurrentOps = ops.filter((op) => / (duplicate|new issue)$/.test(op.name) && !op.name.includes(" pg,"));
    for (const op of concurrentOps) {
      const latencies: number[] = [];
      const before = cpuSnapshot(-1);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let remaining = iterations;
      await Promise.all(
        Array.from({ length: CONCURRENT_CALLERS }, async () => {
          while (remaining-- > 0) {
            const start = performance.now();
            await op.run(direct);
            latencies.push(performance.now() - start);
          }
        }),
      );
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const after = cpuSnapshot(-1);
      latencies.sort((a, b) => a - b);
      costs.push({
        name: `${op.name.trim()}, ${CONCURRENT_CALLERS} concurrent`,
        wallMs: wall / latencies.length,
        cpuMs: (cpu.user + cpu.system) / 1000 / latencies.length,
        postgresCpuMs: (after.postgres - before.postgres) / latencies.length,
        roundTrips: costs.find((c) => c.name === op.name)?.roundTrips ?? 0,
        concurrent: {
          callers: CONCURRENT_CALLERS,
          opsPerSecond: (1000 * latencies.length) / wall,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
        },
      });
    }
  } finally {
    await direct.prisma.$disconnect();
    await proxied.prisma.$disconnect();
    await direct.pool.end();
    await proxied.pool.end();
  }
  return costs;
}

export function printQueryCosts(costs: OpCost[], iterations: number): void {
  console.log(
    `\nIngestion pipeline without HTTP (this process, ${iterations} sequential calls each; CPU = Prisma + pg driver + app code):`,
  );
  const sequential = costs.filter((c) => !c.concurrent);
  console.log(
    table(
      ["operation", "wall ms", "cpu ms", "pg cpu ms", "SQL round trips"],
      sequential.map((c) => [c.name, fmt(c.wallMs, 2), fmt(c.cpuMs, 2), fmt(c.postgresCpuMs, 2), fmt(c.roundTrips, 1)]),
    ),
  );
  const concurrent = costs.filter((c) => c.concurrent);
  if (concurrent.length === 0) return;
  console.log(
    `\nThe same with ${CONCURRENT_CALLERS} concurrent callers (${iterations} calls in all; one Prisma client, pool 10):`,
  );
  console.log(
    table(
      ["operation", "calls/s", "p50 ms", "p99 ms", "cpu ms/call", "pg cpu ms/call"],
      concurrent.map((c) => [
        c.name,
        fmt(c.concurrent!.opsPerSecond),
        fmt(c.concurrent!.p50, 1),
        fmt(c.concurrent!.p99, 1),
        fmt(c.cpuMs, 2),
        fmt(c.postgresCpuMs, 2),
      ]),
    ),
  );
}
