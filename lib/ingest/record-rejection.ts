// Deliveries refused before anyone was authenticated (bad signature, bad or missing token) cost a small
// fixed amount: metadata, the body's hash and size and its first few KiB, one row per (source, endpoint,
// reason, client address, body) that counts its repeats, at most MAX_REJECTION_ROWS rows in all, and no
// more than REJECTED_REQUESTS_PER_MINUTE of them per client address (429 past that, nothing stored).
// Authenticated deliveries, refused or not, are stored whole in webhook_delivery (delivery-store.ts).
import { createHash, randomUUID } from "node:crypto";
import { type Db, poolOf } from "../db";
import { getEnv } from "../env";
import { AppError, errorAnswer } from "../errors";
import { logger } from "../logger";
import { hitRateLimit } from "../rate-limit";
import type { IngestResponse, RawDelivery } from "../sources/types";
import { sqlQuery } from "../sql-executor";
import { storableText } from "../text/storable";
import { pickHeaders } from "./delivery-store";

/** Bytes of a refused body that are kept, enough to tell what a misconfigured sender was sending. */
export const REJECTED_BODY_PREFIX_BYTES = 2048;
/** The table keeps the most recently seen rejections; older ones make room. */
export const MAX_REJECTION_ROWS = 5000;
const MAX_HEADER_CHARS = 256;
const MAX_ENDPOINT_CHARS = 200;

export interface RejectionInput {
  source: string;
  delivery: RawDelivery;
  keptHeaders: readonly string[];
  error: AppError;
  logPrefix: string;
}

export type RejectionRecord =
  | { limited: false; rejectionId: string; count: number }
  | { limited: true; retryAfterSeconds: number };

// Inserts the rejection or counts a repeat; a new row pushes the oldest out once the table is full (the
// DELETE reads the table as it was before this statement, so it makes room for the row being inserted).
const RECORD_SQL = `
WITH upserted AS (
  INSERT INTO webhook_rejection AS r (id, fingerprint, source, endpoint, reason, client_address, body_sha256, body_bytes, body_prefix, headers)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
  ON CONFLICT (fingerprint) DO UPDATE SET count = least(r.count, 2147483646) + 1, last_seen_at = now()
  RETURNING id, count, (xmax = 0) AS inserted
), pruned AS (
  DELETE FROM webhook_rejection
   WHERE (SELECT inserted FROM upserted)
     AND last_seen_at <= (SELECT last_seen_at FROM webhook_rejection ORDER BY last_seen_at DESC OFFSET ($11::int - 1) LIMIT 1)
)
SELECT id, count FROM upserted`;

export async function recordRejection(db: Db, input: RejectionInput): Promise<RejectionRecord> {
  const pool = poolOf(db);
  const { delivery, source } = input;
  const endpoint = storableText(delivery.origin?.endpoint ?? "").slice(0, MAX_ENDPOINT_CHARS);
  const clientAddress = delivery.origin?.clientAddress ?? "unknown";

  const decision = await hitRateLimit(pool, `rejected:${clientAddress}`, {
    limit: getEnv().REJECTED_REQUESTS_PER_MINUTE,
    windowSeconds: 60,
  });
  if (!decision.allowed) return { limited: true, retryAfterSeconds: decision.retryAfterSeconds };

  const reason = storableText(input.error.publicMessage).slice(0, 500);
  const bodySha256 = createHash("sha256").update(delivery.body).digest("hex");
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([source, endpoint, reason, clientAddress, bodySha256]))
    .digest("hex");
  const headers = Object.fromEntries(
    Object.entries(pickHeaders(delivery.headers, input.keptHeaders)).map(([name, value]) => [
      name,
      value.slice(0, MAX_HEADER_CHARS),
    ]),
  );
  const bodyPrefix = storableText(delivery.body.subarray(0, REJECTED_BODY_PREFIX_BYTES).toString("utf8"));
  const [row] = await sqlQuery<{ id: string; count: number }>(
    pool,
    RECORD_SQL,
    [
      randomUUID(),
      fingerprint,
      source,
      endpoint,
      reason,
      clientAddress,
      bodySha256,
      delivery.body.length,
      bodyPrefix,
      JSON.stringify(headers),
      MAX_REJECTION_ROWS,
    ],
    "ingest_record_rejection",
  );
  return { limited: false, rejectionId: row!.id, count: row!.count };
}

/** Records the refused delivery and answers it: the error's status, or 429 with Retry-After once the client is over its limit. */
export async function refuseUnauthenticated(db: Db, input: RejectionInput): Promise<IngestResponse> {
  const record = await recordRejection(db, input);
  const clientAddress = input.delivery.origin?.clientAddress;
  if (record.limited) {
    logger.debug({ source: input.source, clientAddress }, `${input.logPrefix} Rate-limited a rejected request`);
    const error = new AppError(
      "too_many_requests",
      `Too many rejected requests from this address: retry in ${record.retryAfterSeconds} s`,
    );
    return { ...webhookRefusal(error), headers: { "retry-after": String(record.retryAfterSeconds) } };
  }
  // A repeat is counted on its row, not logged again: logs are storage too.
  if (record.count === 1)
    logger.warn(
      { source: input.source, rejectionId: record.rejectionId, clientAddress },
      `${input.logPrefix} Rejected: ${input.error.publicMessage}`,
    );
  return webhookRefusal(input.error);
}

/** A refused webhook's answer: `{ success: false, error }` with the error's status. */
export function webhookRefusal(error: unknown): IngestResponse {
  const { status, body } = errorAnswer(error, { envelope: { success: false } });
  return { status, body };
}
