// Persistence of webhook deliveries: stored first, outcome recorded after processing. Plain SQL on
// the process's pool: this runs on every webhook, and one statement here is one round trip.
import { randomUUID } from "node:crypto";
import { type Db, poolOf } from "../db";
import { getEnv } from "../env";
import type { DeliveryOutcome } from "../generated/prisma/enums";
import { sqlQuery } from "../sql-executor";
import { stripNul, stripNulDeep } from "../text/strip-nul";
import { linkedIssueOf, type LinkedIssueRow, linkedIssueSql } from "./link-or-create-issue";
import { type MappingColumns, mappingColumns, mappingCte, type ResolvedMapping, toResolvedMapping } from "./resolve-project";
import type { ExternalRef, LinkedIssueRef, RawDelivery } from "./types";

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
  return stripNulDeep(picked);
}

/** $1…$5 of the statements that store a delivery. */
const storedValues = (id: string, input: StoreDeliveryInput) => [
  id,
  input.source,
  JSON.stringify(pickHeaders(input.delivery.headers, input.keptHeaders)),
  stripNul(input.delivery.body.toString("utf8")),
  input.dedupKey ?? null,
];

const reasonText = (reason: string | undefined) => (reason === undefined ? null : stripNul(reason).slice(0, 2000));

/**
 * Stores the delivery as received or, when its fate is known without processing (rejected, skipped),
 * with its outcome (`final`). Returns its id.
 */
export async function storeDelivery(db: Db, input: StoreDeliveryInput, final?: FinishDeliveryInput): Promise<string> {
  const id = input.id ?? randomUUID();
  const finished = final !== undefined && final.outcome !== "received";
  await sqlQuery(
    poolOf(db),
    `INSERT INTO webhook_delivery (id, source, headers, raw_body, dedup_key, outcome, reason, external_id, issue_id, processed_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6::"DeliveryOutcome", $7, $8, $9, CASE WHEN $10::boolean THEN now() END)`,
    [...storedValues(id, input), final?.outcome ?? "received", reasonText(final?.reason), final?.externalId ?? null, final?.issueId ?? null, finished],
    "ingest_store_delivery",
  );
  return id;
}

// Stores the delivery and looks up the item's link in one statement. When the item is tracked and
// `dedup` is set (nothing else to do for it), the row is stored final, "deduplicated". Otherwise the
// item's project mapping comes back too, for the create or the lifecycle event that follows.
const STORE_AND_LOOK_UP_SQL = `
WITH found AS (${linkedIssueSql("$6", "$7")}), item AS (
  SELECT found.id, found.identifier, found.ticket_key, found.ticket_url, (found.id IS NOT NULL AND $8::boolean) AS done
    FROM (SELECT 1) AS one LEFT JOIN found ON true
), stored AS (
  INSERT INTO webhook_delivery (id, source, headers, raw_body, dedup_key, outcome, external_id, issue_id, processed_at)
  SELECT $1, $2, $3::jsonb, $4, $5, (CASE WHEN done THEN 'deduplicated' ELSE 'received' END)::"DeliveryOutcome",
         CASE WHEN done THEN $7 END, CASE WHEN done THEN item.id END, CASE WHEN done THEN now() END
    FROM item
), ${mappingCte("$6", "$9", "NOT (SELECT done FROM item)")}
SELECT item.id, item.identifier, item.ticket_key, item.ticket_url, item.done, ${mappingColumns("$10", "NOT item.done")}
  FROM item LEFT JOIN mapping ON true`;

export type StoreAndLookUpResult =
  /** The item is tracked and the delivery is already recorded as deduplicated. */
  | { linked: LinkedIssueRef; done: true }
  /** Stored as received; `mapping` resolves the item's project from what the statement read. */
  | { linked: LinkedIssueRef | null; done: false; mapping: () => Promise<ResolvedMapping> };

/** `dedup`: record the delivery as deduplicated right away when the item is tracked. `input.id` is required here. */
export async function storeDeliveryAndLookUp(db: Db, input: StoreDeliveryInput & { id: string }, ref: ExternalRef, dedup: boolean): Promise<StoreAndLookUpResult> {
  const [row] = await sqlQuery<MappingColumns & LinkedIssueRow & { done: boolean }>(
    poolOf(db),
    STORE_AND_LOOK_UP_SQL,
    [...storedValues(input.id, input), ref.source, ref.externalId, dedup, ref.externalProject, getEnv().DEFAULT_PROJECT_KEY],
    "ingest_store_and_look_up",
  );
  const linked = linkedIssueOf(row);
  if (row!.done && linked) return { linked, done: true };
  return { linked, done: false, mapping: () => toResolvedMapping(db, row!) };
}

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
