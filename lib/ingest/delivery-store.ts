// The webhook_delivery row from first to last, and the lookup of the item it is about: a delivery is
// stored as received (or with its outcome, when that is known without processing), and its item's link
// in external_issue is looked up in the same statement; its outcome is written once, by finishDelivery,
// after processing. Plain SQL on the process's pool: this runs on every webhook, and one statement here
// is one round trip.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { batchedStatement } from "../batched-statement";
import { type Db, poolOf } from "../db";
import { getEnv } from "../env";
import type { DeliveryOutcome } from "../generated/prisma/enums";
import type { ExternalRef, LinkedIssueRef, RawDelivery } from "../sources/types";
import { type SqlExecutor, sqlQuery } from "../sql-executor";
import { storableDeep, storableText } from "../text/storable";
import { STORE_AND_LOOK_UP_IN_FLIGHT } from "./create-slots";
import {
  type MappingColumns,
  mappingColumns,
  mappingSelect,
  type ResolvedMapping,
  toResolvedMapping,
} from "./resolve-project";

export interface StoreDeliveryInput {
  /** Chosen by the caller (a UUID), so that log lines can name the delivery before it is stored; a new one otherwise. */
  id?: string;
  source: string;
  delivery: RawDelivery;
  keptHeaders: readonly string[];
  /** The sender's idempotency key; a second delivery with the same key violates UNIQUE(source, dedup_key). */
  dedupKey?: string;
}

export interface FinishDeliveryInput {
  outcome: DeliveryOutcome;
  reason?: string;
  externalId?: string;
  issueId?: string;
}

export function pickHeaders(headers: Headers, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked[name] = value;
  }
  return storableDeep(picked);
}

/** The columns every stored delivery has, as received. */
const storedColumns = (input: StoreDeliveryInput & { id: string }) => ({
  id: input.id,
  source: input.source,
  headers: pickHeaders(input.delivery.headers, input.keptHeaders),
  rawBody: storableText(input.delivery.body.toString("utf8")),
});

const reasonText = (reason: string | undefined) => (reason === undefined ? null : storableText(reason).slice(0, 2000));

/**
 * The issue linked to an external item, with its Jira ticket's key once known (answers name it): a
 * subquery over `source` and `externalId` (SQL expressions), read with `linkedIssueOf`.
 */
const linkedIssueSql = (source: string, externalId: string) =>
  `SELECT i.id, i.identifier, t.ticket_key, t.ticket_url
     FROM external_issue e JOIN issue i ON i.id = e.issue_id LEFT JOIN jira_ticket t ON t.issue_id = i.id
    WHERE e.source = ${source} AND e.external_id = ${externalId}`;

interface LinkedIssueRow {
  id: string | null;
  identifier: string | null;
  ticket_key: string | null;
  ticket_url: string | null;
}

function linkedIssueOf(row: LinkedIssueRow | undefined): LinkedIssueRef | null {
  if (!row || row.id === null || row.identifier === null) return null;
  return {
    id: row.id,
    identifier: row.identifier,
    ticket: row.ticket_key === null ? null : { key: row.ticket_key, url: row.ticket_url },
  };
}

/** The item's issue, for an item of a message of several, or the winner of a race to create it. */
export async function findLinkedIssue(
  db: SqlExecutor,
  source: string,
  externalId: string,
): Promise<LinkedIssueRef | null> {
  const [row] = await sqlQuery<LinkedIssueRow>(
    db,
    linkedIssueSql("$1", "$2"),
    [source, externalId],
    "ingest_find_linked_issue",
  );
  return linkedIssueOf(row);
}

/**
 * Stores the delivery as received or, when its fate is known without processing (rejected, skipped),
 * with its outcome (`final`). Returns its id.
 */
export async function storeDelivery(db: Db, input: StoreDeliveryInput, final?: FinishDeliveryInput): Promise<string> {
  const id = input.id ?? randomUUID();
  const finished = final !== undefined && final.outcome !== "received";
  const { source, headers, rawBody } = storedColumns({ ...input, id });
  await sqlQuery(
    poolOf(db),
    `INSERT INTO webhook_delivery (id, source, headers, raw_body, dedup_key, outcome, reason, external_id, issue_id, processed_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6::"DeliveryOutcome", $7, $8, $9, CASE WHEN $10::boolean THEN now() END)`,
    [
      id,
      source,
      JSON.stringify(headers),
      rawBody,
      input.dedupKey ?? null,
      final?.outcome ?? "received",
      reasonText(final?.reason),
      final?.externalId ?? null,
      final?.issueId ?? null,
      finished,
    ],
    "ingest_store_delivery",
  );
  return id;
}

// Stores deliveries and looks up their items' links in one statement, for every delivery that arrived
// while the previous statement was in flight (see batched-statement.ts). A tracked item whose delivery
// has `dedup` set (nothing else to do for it) is stored final, "deduplicated"; for the others the
// project mapping comes back too, for the create or the lifecycle event that follows.
// The deliveries arrive as one JSON array: unlike unnest() over array parameters, whose size the planner
// reads from each call's values, the statement then plans the same for every batch, so PostgreSQL keeps
// one generic plan instead of planning it on every call. LIMIT 1 keeps the link lookup an index probe
// per delivery (a generic plan guesses 100 of them, for which it would otherwise hash-join whole tables).
const STORE_AND_LOOK_UP_SQL = `
WITH input AS (
  SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
    AS (id text, source text, headers jsonb, raw_body text, item_source text, external_id text, dedup boolean, external_project text))
    WITH ORDINALITY AS input(id, source, headers, raw_body, item_source, external_id, dedup, external_project, ord)
), item AS (
  SELECT input.*, found.id AS issue_id, found.identifier, found.ticket_key, found.ticket_url, (found.id IS NOT NULL AND input.dedup) AS done
    FROM input LEFT JOIN LATERAL (${linkedIssueSql("input.item_source", "input.external_id")} LIMIT 1) AS found ON true
), seen AS (
  -- A duplicate delivery is another occurrence: counted on the issue so that sorting by events or last
  -- seen reads a column. One UPDATE per issue however many of its deliveries share the batch.
  UPDATE issue SET event_count = issue.event_count + seen.n, last_seen_at = now()
    FROM (SELECT issue_id, count(*)::int AS n FROM item WHERE done GROUP BY issue_id) AS seen
   WHERE issue.id = seen.issue_id
), stored AS (
  INSERT INTO webhook_delivery (id, source, headers, raw_body, outcome, external_id, issue_id, processed_at)
  SELECT id, source, headers, raw_body, (CASE WHEN done THEN 'deduplicated' ELSE 'received' END)::"DeliveryOutcome",
         CASE WHEN done THEN external_id END, CASE WHEN done THEN issue_id END, CASE WHEN done THEN now() END
    FROM item
)
SELECT item.issue_id AS id, item.identifier, item.ticket_key, item.ticket_url, item.done, ${mappingColumns("$2", "NOT item.done")}
  FROM item LEFT JOIN LATERAL (${mappingSelect("item.item_source", "item.external_project", "NOT item.done")}) AS mapping ON true
 ORDER BY item.ord`;

type StoreAndLookUpRow = MappingColumns & LinkedIssueRow & { done: boolean };

/** One delivery as the statement reads it: a row of its JSON array. */
interface StoreAndLookUpInput {
  id: string;
  source: string;
  headers: Record<string, string>;
  raw_body: string;
  item_source: string;
  external_id: string;
  dedup: boolean;
  external_project: string;
}

const STORE_AND_LOOK_UP_BATCH = 100;
/** A body this large goes in a statement of its own: a batch of them would be hundreds of megabytes. */
const BATCHED_BODY_LIMIT = 64 * 1024;

// One batcher per pool and process: kept on globalThis, as the pool is (db.ts), because Next.js may load
// this module more than once, and two copies would each allow their own statements in flight.
const globalForBatches = globalThis as unknown as {
  trackerStoreBatches?: WeakMap<pg.Pool, (input: StoreAndLookUpInput) => Promise<StoreAndLookUpRow>>;
};
const storeAndLookUpByPool = (globalForBatches.trackerStoreBatches ??= new WeakMap());

function storeAndLookUpOn(pool: pg.Pool) {
  let batched = storeAndLookUpByPool.get(pool);
  if (!batched) {
    batched = batchedStatement<StoreAndLookUpInput, StoreAndLookUpRow>({
      maxInFlight: STORE_AND_LOOK_UP_IN_FLIGHT,
      maxBatchSize: STORE_AND_LOOK_UP_BATCH,
      run: (inputs) =>
        sqlQuery<StoreAndLookUpRow>(
          pool,
          STORE_AND_LOOK_UP_SQL,
          [JSON.stringify(inputs), getEnv().DEFAULT_PROJECT_KEY],
          "ingest_store_and_look_up",
        ),
      alone: (input) => input.raw_body.length > BATCHED_BODY_LIMIT,
      // PostgreSQL refused the statement (e.g. one row broke a constraint): nothing of it was stored.
      rolledBack: (error) => error instanceof pg.DatabaseError,
    });
    storeAndLookUpByPool.set(pool, batched);
  }
  return batched;
}

export type StoreAndLookUpResult =
  /** The item is tracked and the delivery is already recorded as deduplicated. */
  | { linked: LinkedIssueRef; done: true }
  /** Stored as received; `mapping` resolves the item's project from what the statement read. */
  | { linked: LinkedIssueRef | null; done: false; mapping: () => Promise<ResolvedMapping> };

/** `dedup`: record the delivery as deduplicated right away when the item is tracked. */
export async function storeDeliveryAndLookUp(
  db: Db,
  input: Omit<StoreDeliveryInput, "dedupKey"> & { id: string },
  ref: ExternalRef,
  dedup: boolean,
): Promise<StoreAndLookUpResult> {
  const { id, source, headers, rawBody } = storedColumns(input);
  const row = await storeAndLookUpOn(poolOf(db))({
    id,
    source,
    headers,
    raw_body: rawBody,
    item_source: ref.source,
    external_id: ref.externalId,
    dedup,
    external_project: ref.externalProject,
  });
  const linked = linkedIssueOf(row);
  if (row.done && linked) return { linked, done: true };
  return { linked, done: false, mapping: () => toResolvedMapping(db, row) };
}

/**
 * One more occurrence of a tracked issue, for a duplicate the batched store statement could not count:
 * a delivery that lost the race to create the issue, or an item of a message of several.
 */
export async function countOccurrence(db: Db, issueId: string): Promise<void> {
  await sqlQuery(
    poolOf(db),
    `UPDATE issue SET event_count = event_count + 1, last_seen_at = now() WHERE id = $1`,
    [issueId],
    "ingest_count_occurrence",
  );
}

/** Writes the delivery's outcome, once it is known: the only write of an outcome after the delivery is stored. */
export async function finishDelivery(db: Db, deliveryId: string, input: FinishDeliveryInput): Promise<void> {
  await sqlQuery(
    poolOf(db),
    `UPDATE webhook_delivery
        SET outcome = $2::"DeliveryOutcome", reason = COALESCE($3, reason), external_id = COALESCE($4, external_id),
            issue_id = COALESCE($5, issue_id), processed_at = now()
      WHERE id = $1`,
    [deliveryId, input.outcome, reasonText(input.reason), input.externalId ?? null, input.issueId ?? null],
    "ingest_finish_delivery",
  );
}
