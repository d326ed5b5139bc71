// A fixed-window request counter in PostgreSQL, so that every web process counts against the same
// windows: one statement per counted request. It counts requests we refuse anyway (rejected webhook
// deliveries), so accepted traffic never pays for it.
import type pg from "pg";
import { sqlQuery } from "./sql-executor";

export interface RateLimit {
  /** Requests allowed per window and key. */
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// Windows are aligned to multiples of their length, so every process agrees on where one starts.
const HIT_SQL = `
INSERT INTO rate_limit_window AS w (key, window_start, hits)
VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
ON CONFLICT (key) DO UPDATE
  SET hits = CASE WHEN w.window_start = EXCLUDED.window_start THEN least(w.hits, 2147483646) + 1 ELSE 1 END,
      window_start = EXCLUDED.window_start
RETURNING hits, greatest(1, ceil(extract(epoch FROM w.window_start + make_interval(secs => $2) - now())))::int AS retry_after`;

const PRUNE_SQL = `DELETE FROM rate_limit_window WHERE window_start < now() - make_interval(secs => $1)`;

// Keys of past windows are deleted at most once a window per process: the table holds about one
// window's worth of keys.
const globalForPrune = globalThis as unknown as { trackerRateLimitPrunedAt?: number };

/** Counts one request for `key`; refused once the window's count passes the limit. */
export async function hitRateLimit(
  pool: pg.Pool,
  key: string,
  { limit, windowSeconds }: RateLimit,
): Promise<RateDecision> {
  const [row] = await sqlQuery<{ hits: number; retry_after: number }>(
    pool,
    HIT_SQL,
    [key, windowSeconds],
    "rate_limit_hit",
  );
  const now = Date.now();
  if (now - (globalForPrune.trackerRateLimitPrunedAt ?? 0) > windowSeconds * 1000) {
    globalForPrune.trackerRateLimitPrunedAt = now;
    await sqlQuery(pool, PRUNE_SQL, [windowSeconds], "rate_limit_prune");
  }
  if (!row || row.hits <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: row.retry_after };
}
