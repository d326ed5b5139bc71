// What the ingestion pipeline costs without the web framework around it, piece by piece, and what
// the same work costs when written as fewer, larger SQL statements. Runs in this process against the
// profile database: wall time and CPU (this process = Prisma + pg driver; PostgreSQL separately), and
// SQL round trips counted through the proxy. The "prototype" functions below are measurement
// sketches of a suggested design, not production code (they skip the rejection/failure paths).
import pg from "pg";
import { TEST_SENTRY_SECRET } from "../../tests/support/sentry";
import { cpuSnapshot } from "./cpu";
import { deliveryBody, deliveryHeaders, DUPLICATE_ID } from "./deliveries";
import type { PgCountingProxy } from "./pg-proxy";
import { fmt, table } from "./table";

/** In-process new ids start here, far from the ids the HTTP scenarios use. */
let nextNewId = 7_000_000_000;
const newId = () => String(nextNewId++);

// One statement: find the link (if any) and store the delivery, already final when it is a duplicate.
export const DELIVER_AND_LOOKUP_SQL = `
WITH found AS (
  SELECT i.id, i.identifier FROM external_issue e JOIN issue i ON i.id = e.issue_id
   WHERE e.source = $1 AND e.external_id = $2
), d AS (
  INSERT INTO webhook_delivery (id, source, headers, raw_body, outcome, external_id, issue_id, processed_at)
  SELECT gen_random_uuid()::text, $1, $3::jsonb, $4,
         (CASE WHEN found.id IS NULL THEN 'received' ELSE 'deduplicated' END)::"DeliveryOutcome",
         $2, found.id, CASE WHEN found.id IS NULL THEN NULL ELSE now() END
    FROM (SELECT 1) AS one LEFT JOIN found ON true
  RETURNING id
)
SELECT d.id AS delivery_id, found.id AS issue_id, found.identifier FROM d LEFT JOIN found ON true`;

// One statement (its own transaction): number, issue, labels, activity, link, delivery outcome.
// A concurrent creator of the same external id makes it fail on UNIQUE(source, external_id), which
// rolls the counter back too, so numbers stay gapless without an advisory lock.
export const CREATE_ISSUE_SQL = `
WITH counter AS (
  UPDATE project SET issue_counter = issue_counter + 1 WHERE id = $1 RETURNING issue_counter, key
), new_issue AS (
  INSERT INTO issue (id, project_id, number, identifier, title, description, priority, updated_at)
  SELECT gen_random_uuid()::text, $1, issue_counter, key || '-' || issue_counter, $2, $3, $4::"Priority", now() FROM counter
  RETURNING id, identifier
), labels AS (
  INSERT INTO issue_label (issue_id, label_id) SELECT new_issue.id, label_id FROM new_issue, jsonb_array_elements_text($5::jsonb) AS label_id
), act AS (
  INSERT INTO activity (id, issue_id, actor_name, action, data) SELECT gen_random_uuid()::text, id, $6, 'created', $7::jsonb FROM new_issue
), link AS (
  INSERT INTO external_issue (id, issue_id, source, external_id, external_url, metadata)
  SELECT gen_random_uuid()::text, id, $8, $9, $10, $11::jsonb FROM new_issue
), done AS (
  UPDATE webhook_delivery SET outcome = 'created', issue_id = (SELECT id FROM new_issue), external_id = $9, processed_at = now() WHERE id = $12
)
SELECT id, identifier FROM new_issue`;

type Query = (sql: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

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

export async function measureQueryCosts(directUrl: string, proxiedUrl: string, proxy: PgCountingProxy, iterations: number): Promise<OpCost[]> {
  // The application modules read their configuration once, at first use.
  process.env.LOG_LEVEL = "warn";
  process.env.SENTRY_CLIENT_SECRET = TEST_SENTRY_SECRET;
  const { createDb } = await import("../../lib/db");
  const { ingestDelivery } = await import("../../lib/ingest/ingest-delivery");
  const { storeDelivery, finishDelivery } = await import("../../lib/ingest/record-delivery");
  const { findLinkedIssue } = await import("../../lib/ingest/link-or-create-issue");
  const { resolveMapping } = await import("../../lib/ingest/resolve-project");
  const { ensureLabels } = await import("../../lib/issues/ensure-labels");
  const { sentryAdapter } = await import("../../lib/sources/sentry/adapter");
  const { logger } = await import("../../lib/logger");

  const signed = (id: string) => {
    const body = deliveryBody(id);
    return { body: Buffer.from(body), headers: new Headers(deliveryHeaders(body)) };
  };

  // Ids the prototypes cache per process (project mapping, label ids).
  const setup = createDb(directUrl, 2);
  const { projectId } = await resolveMapping(setup, "sentry", "web-app");
  const labelIds = await ensureLabels(setup, [{ name: "Sentry", color: "#362D59" }]);
  await setup.$disconnect();

  async function prototype(query: Query, id: string): Promise<void> {
    const delivery = signed(id);
    const verification = sentryAdapter.verify(delivery);
    if (!verification.ok) throw verification.error;
    const [decision] = [sentryAdapter.interpret(JSON.parse(delivery.body.toString("utf8")), delivery.headers, logger)].flat();
    if (decision?.kind !== "create") throw new Error("unexpected skip");
    const issue = decision.issue;
    const headers: Record<string, string> = {};
    for (const name of sentryAdapter.keptHeaders) {
      const value = delivery.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const [found] = await query(DELIVER_AND_LOOKUP_SQL, [issue.source, issue.externalId, JSON.stringify(headers), delivery.body.toString("utf8")]);
    if (!found) throw new Error("no delivery row");
    if (found.issue_id) return; // duplicate: already stored as "deduplicated"
    await query(CREATE_ISSUE_SQL, [
      projectId,
      issue.title,
      issue.description,
      issue.priority,
      JSON.stringify(labelIds),
      "Sentry",
      JSON.stringify({ source: issue.source, externalId: issue.externalId }),
      issue.source,
      issue.externalId,
      issue.externalUrl,
      JSON.stringify(issue.metadata),
      found.delivery_id,
    ]);
  }

  const viaPrisma = (ctx: Ctx): Query => (sql, values) => ctx.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...values);
  const viaPg = (ctx: Ctx): Query => async (sql, values) => (await ctx.pool.query(sql, values)).rows;
  let lastDeliveryId = "";

  const ops: Op[] = [
    { name: "current: ingestDelivery(), duplicate", run: async ({ prisma }) => void (await ingestDelivery(prisma, sentryAdapter, signed(DUPLICATE_ID))) },
    { name: "current: ingestDelivery(), new issue", run: async ({ prisma }) => void (await ingestDelivery(prisma, sentryAdapter, signed(newId()))) },
    {
      name: "  storeDelivery (webhookDelivery.create)",
      run: async ({ prisma }) => {
        lastDeliveryId = await storeDelivery(prisma, { source: "sentry", delivery: signed(DUPLICATE_ID), keptHeaders: sentryAdapter.keptHeaders });
      },
    },
    {
      name: "  finishDelivery (webhookDelivery.update)",
      run: ({ prisma }) => finishDelivery(prisma, lastDeliveryId, { outcome: "deduplicated", externalId: DUPLICATE_ID }),
    },
    { name: "  findLinkedIssue (findUnique + nested select)", run: async ({ prisma }) => void (await findLinkedIssue(prisma, "sentry", DUPLICATE_ID)) },
    { name: "  resolveMapping (no mapping -> default)", run: async ({ prisma }) => void (await resolveMapping(prisma, "sentry", "web-app")) },
    { name: "  $transaction(async tx => SELECT 1)", run: async ({ prisma }) => void (await prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`)) },
    { name: "  Prisma findUnique (1 SQL)", run: async ({ prisma }) => void (await prisma.project.findUnique({ where: { id: projectId }, select: { id: true } })) },
    { name: "  Prisma $queryRaw SELECT 1", run: async ({ prisma }) => void (await prisma.$queryRaw`SELECT 1`) },
    { name: "  pg pool.query SELECT 1", run: async ({ pool }) => void (await pool.query("SELECT 1")) },
    { name: "  verify + parse + interpret (no SQL)", run: async () => {
      const delivery = signed(newId());
      if (!sentryAdapter.verify(delivery).ok) throw new Error("bad signature");
      sentryAdapter.interpret(JSON.parse(delivery.body.toString("utf8")), delivery.headers, logger);
    } },
    { name: "prototype via Prisma $queryRawUnsafe, duplicate", run: (ctx) => prototype(viaPrisma(ctx), DUPLICATE_ID) },
    { name: "prototype via Prisma $queryRawUnsafe, new issue", run: (ctx) => prototype(viaPrisma(ctx), newId()) },
    { name: "prototype via pg, duplicate", run: (ctx) => prototype(viaPg(ctx), DUPLICATE_ID) },
    { name: "prototype via pg, new issue", run: (ctx) => prototype(viaPg(ctx), newId()) },
  ];

  const direct: Ctx = { prisma: createDb(directUrl, 10), pool: new pg.Pool({ connectionString: directUrl, max: 10 }) };
  const proxied: Ctx = { prisma: createDb(proxiedUrl, 10), pool: new pg.Pool({ connectionString: proxiedUrl, max: 10 }) };
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
        concurrent: { callers: CONCURRENT_CALLERS, opsPerSecond: (1000 * latencies.length) / wall, p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
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
  console.log(`\nIngestion pipeline without HTTP (this process, ${iterations} sequential calls each; CPU = Prisma + pg driver + app code):`);
  const sequential = costs.filter((c) => !c.concurrent);
  console.log(
    table(
      ["operation", "wall ms", "cpu ms", "pg cpu ms", "SQL round trips"],
      sequential.map((c) => [c.name, fmt(c.wallMs, 2), fmt(c.cpuMs, 2), fmt(c.postgresCpuMs, 2), fmt(c.roundTrips, 1)]),
    ),
  );
  const concurrent = costs.filter((c) => c.concurrent);
  if (concurrent.length === 0) return;
  console.log(`\nThe same with ${CONCURRENT_CALLERS} concurrent callers (${iterations} calls in all; one Prisma client, pool 10):`);
  console.log(
    table(
      ["operation", "calls/s", "p50 ms", "p99 ms", "cpu ms/call", "pg cpu ms/call"],
      concurrent.map((c) => [c.name, fmt(c.concurrent!.opsPerSecond), fmt(c.concurrent!.p50, 1), fmt(c.concurrent!.p99, 1), fmt(c.cpuMs, 2), fmt(c.postgresCpuMs, 2)]),
    ),
  );
}
