// Webhook deliveries for the admin console, newest first, filtered and keyset-paginated, merged with
// the unauthenticated requests refused meanwhile (webhook_rejection, one row per repeated kind). Raw
// bodies are left out. The filter comes from the page's query string, parsed here with zod.
import { z } from "zod";
import type { DbClient } from "../db";
import { DeliveryOutcome } from "../generated/prisma/enums";
import { sqlQuery } from "../sql-executor";
import { parseInput } from "../validation";

export const DELIVERY_SOURCES = ["sentry", "glitchtip", "jira", "generic"] as const;
const OUTCOMES = Object.values(DeliveryOutcome) as [DeliveryOutcome, ...DeliveryOutcome[]];

const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/** A date or date-time as a form's datetime-local input sends it ("2026-12-03T14:05"), or ISO. */
const instant = z.preprocess(
  blankAsUnset,
  z
    .string()
    .max(40)
    .refine((value) => !Number.isNaN(Date.parse(value)), "must be a date such as 2026-12-03T14:05")
    .transform((value) => new Date(value))
    .optional(),
);
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f-]{36})$/i;

/** One shape for the query string, the replay-all job's stored filter and the tests. */
export const deliveryFilterSchema = z
  .object({
    source: z.preprocess(
      blankAsUnset,
      z.enum(DELIVERY_SOURCES, "must be one of sentry, glitchtip, jira, generic").optional(),
    ),
    outcome: z.preprocess(blankAsUnset, z.enum(OUTCOMES, `must be one of ${OUTCOMES.join(", ")}`).optional()),
    from: instant,
    to: instant,
    issue: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z][A-Z0-9]{1,9}-\d{1,9}$/, "must be an issue identifier such as CHIPP-12")
        .optional(),
    ),
    /** The last row of the previous page: `<receivedAt ISO>_<id>`. */
    before: z.preprocess(blankAsUnset, z.string().regex(CURSOR, "is not a page cursor").optional()),
  })
  .refine((filter) => !(filter.from && filter.to && filter.from > filter.to), {
    path: ["to"],
    message: "must not be before from",
  });

export type DeliveryFilter = z.output<typeof deliveryFilterSchema>;

export interface DeliveryRow {
  id: string;
  /** When it arrived; for a repeated rejection, when it was last seen. */
  receivedAt: Date;
  source: string;
  outcome: DeliveryOutcome;
  reason: string | null;
  externalId: string | null;
  issue: { identifier: string } | null;
  /** A refused request (webhook_rejection): no body was kept, there is nothing to open or replay. */
  refused?: boolean;
  replayOfId?: string | null;
}

export interface DeliveryPage {
  rows: DeliveryRow[];
  /** The cursor of the next (older) page, when there is one. */
  next: string | null;
}

/** Parses a page's search params (first value of each), throwing a 400 naming the bad field. */
export function parseDeliveryFilter(params: Record<string, string | string[] | undefined>): DeliveryFilter {
  const first = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return parseInput(deliveryFilterSchema, first);
}

export const cursorOf = (row: { receivedAt: Date; id: string }) => `${row.receivedAt.toISOString()}_${row.id}`;

function readCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const match = cursor ? CURSOR.exec(cursor) : null;
  return match ? { at: new Date(match[1]!), id: match[2]!.toLowerCase() } : null;
}

interface DeliverySqlRow {
  id: string;
  received_at: Date;
  source: string;
  outcome: DeliveryOutcome;
  reason: string | null;
  external_id: string | null;
  identifier: string | null;
  replay_of_id: string | null;
}

/**
 * The WHERE clause for deliveries matching the filter (without the cursor), and its values from `$1`.
 * Shared with "replay all failed in this filter", so the job replays what the page shows.
 */
export function deliveryWhere(
  filter: Omit<DeliveryFilter, "before">,
  values: unknown[] = [],
): { sql: string; values: unknown[] } {
  const clauses: string[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    values.push(value);
    clauses.push(clause(`$${values.length}`));
  };
  if (filter.source) add((n) => `d.source = ${n}`, filter.source);
  if (filter.outcome) add((n) => `d.outcome = ${n}::"DeliveryOutcome"`, filter.outcome);
  if (filter.from) add((n) => `d.received_at >= ${n}`, filter.from);
  if (filter.to) add((n) => `d.received_at <= ${n}`, filter.to);
  if (filter.issue) add((n) => `d.issue_id = (SELECT id FROM issue WHERE identifier = ${n})`, filter.issue);
  return { sql: clauses.length ? clauses.join(" AND ") : "true", values };
}

export async function listDeliveryPage(db: DbClient, filter: DeliveryFilter, limit = 50): Promise<DeliveryPage> {
  const take = Math.min(Math.max(Math.trunc(limit), 1), 200);
  const cursor = readCursor(filter.before);
  const where = deliveryWhere(filter);
  const values = [...where.values];
  let keyset = "";
  if (cursor) {
    values.push(cursor.at, cursor.id);
    keyset = ` AND (d.received_at, d.id) < ($${values.length - 1}, $${values.length})`;
  }
  values.push(take + 1);
  // Row comparison on (received_at, id) walks webhook_delivery_received_at_id_idx backwards and stops after LIMIT rows.
  const deliveries = await sqlQuery<DeliverySqlRow>(
    db,
    `SELECT d.id, d.received_at, d.source, d.outcome::text AS outcome, d.reason, d.external_id, d.replay_of_id, i.identifier
       FROM webhook_delivery d LEFT JOIN issue i ON i.id = d.issue_id
      WHERE ${where.sql}${keyset}
      ORDER BY d.received_at DESC, d.id DESC LIMIT $${values.length}`,
    values,
  );
  const rows: DeliveryRow[] = deliveries.map((row) => ({
    id: row.id,
    receivedAt: row.received_at,
    source: row.source,
    outcome: row.outcome,
    reason: row.reason,
    externalId: row.external_id,
    issue: row.identifier ? { identifier: row.identifier } : null,
    replayOfId: row.replay_of_id,
  }));
  // Refused requests are "rejected" deliveries of no issue.
  if (!filter.issue && (!filter.outcome || filter.outcome === "rejected"))
    rows.push(...(await listRefused(db, filter, cursor, take + 1)));
  rows.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = rows.slice(0, take);
  return { rows: page, next: rows.length > take ? cursorOf(page[page.length - 1]!) : null };
}

async function listRefused(
  db: DbClient,
  filter: DeliveryFilter,
  cursor: { at: Date; id: string } | null,
  take: number,
): Promise<DeliveryRow[]> {
  const values: unknown[] = [];
  const clauses: string[] = [];
  const add = (clause: (n: string) => string, ...more: unknown[]) => {
    values.push(...more);
    clauses.push(clause(`$${values.length - more.length + 1}`));
  };
  if (filter.source) add((n) => `source = ${n}`, filter.source);
  if (filter.from) add((n) => `last_seen_at >= ${n}`, filter.from);
  if (filter.to) add((n) => `last_seen_at <= ${n}`, filter.to);
  if (cursor) add((n) => `(last_seen_at, id) < (${n}, $${values.length})`, cursor.at, cursor.id);
  values.push(take);
  const rejections = await sqlQuery<{
    id: string;
    last_seen_at: Date;
    source: string;
    reason: string;
    count: number;
    client_address: string;
  }>(
    db,
    `SELECT id, last_seen_at, source, reason, count, client_address FROM webhook_rejection
      WHERE ${clauses.length ? clauses.join(" AND ") : "true"} ORDER BY last_seen_at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
  return rejections.map((rejection) => ({
    id: rejection.id,
    receivedAt: rejection.last_seen_at,
    source: rejection.source,
    outcome: "rejected",
    reason: `${rejection.reason} (unauthenticated, from ${rejection.client_address}${rejection.count > 1 ? `, ${rejection.count} times` : ""})`,
    externalId: null,
    issue: null,
    refused: true,
  }));
}

/** The most recent deliveries, unfiltered (the admin overview's table). */
export async function listDeliveries(db: DbClient, limit?: number): Promise<DeliveryRow[]> {
  return (await listDeliveryPage(db, {}, limit ?? 50)).rows;
}
