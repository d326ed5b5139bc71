// Background jobs that need an admin's eye: failed (gave up) and retrying (waiting out a backoff), read
// from pg-boss's job table, newest first, with the error, attempts and when it runs next.
import { z } from "zod";
import type { DbClient } from "../db";
import { JOB_SCHEMA } from "../jobs/boss";
import { ALL_QUEUES } from "../jobs/queues";
import { sqlQuery } from "../sql-executor";
import { parseInput } from "../validation";

export const JOB_QUEUE_NAMES = ALL_QUEUES.map((queue) => queue.name) as [string, ...string[]];

export const jobFilterSchema = z.object({
  state: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["failed", "retry"], "must be failed or retry").optional(),
  ),
  queue: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(JOB_QUEUE_NAMES, "is not a known queue").optional(),
  ),
});
export type JobFilter = z.output<typeof jobFilterSchema>;

export function parseJobFilter(params: Record<string, string | string[] | undefined>): JobFilter {
  return parseInput(jobFilterSchema, { state: first(params.state), queue: first(params.queue) });
}
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export interface JobView {
  id: string;
  queue: string;
  state: "failed" | "retry";
  attempts: number;
  retryLimit: number;
  error: string | null;
  createdAt: Date;
  /** When a retrying job runs next; null for a failed one. */
  nextRunAt: Date | null;
  failedAt: Date | null;
  issue: { identifier: string } | null;
}

interface JobRow {
  id: string;
  name: string;
  state: "failed" | "retry";
  retry_count: number;
  retry_limit: number;
  output: unknown;
  created_on: Date;
  start_after: Date;
  completed_on: Date | null;
  identifier: string | null;
}

export async function listProblemJobs(db: DbClient, filter: JobFilter = {}, limit = 100): Promise<JobView[]> {
  const values: unknown[] = [filter.state ? [filter.state] : ["failed", "retry"], Math.min(Math.max(limit, 1), 500)];
  const queueClause = filter.queue ? ` AND j.name = $${values.push(filter.queue)}` : "";
  const rows = await sqlQuery<JobRow>(
    db,
    `SELECT j.id::text, j.name, j.state::text AS state, j.retry_count, j.retry_limit, j.output, j.created_on, j.start_after, j.completed_on, i.identifier
       FROM ${JOB_SCHEMA}.job j LEFT JOIN issue i ON i.id = j.data->>'issueId'
      WHERE j.state::text = ANY ($1::text[])${queueClause}
      ORDER BY j.created_on DESC, j.id DESC LIMIT $2`,
    values,
  );
  return rows.map((row) => ({
    id: row.id,
    queue: row.name,
    state: row.state,
    attempts: row.state === "failed" ? row.retry_count + 1 : row.retry_count,
    retryLimit: row.retry_limit,
    error: errorOf(row.output),
    createdAt: row.created_on,
    nextRunAt: row.state === "retry" ? row.start_after : null,
    failedAt: row.state === "failed" ? row.completed_on : null,
    issue: row.identifier ? { identifier: row.identifier } : null,
  }));
}

/** pg-boss keeps a failure's error as its output: `{ message, stack, … }`, or whatever the handler threw. */
function errorOf(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output === "object" && typeof (output as { message?: unknown }).message === "string")
    return (output as { message: string }).message;
  return JSON.stringify(output).slice(0, 500);
}
