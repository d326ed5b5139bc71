// A typed door to autocannon's programmatic API (the package ships no types and @types/autocannon
// is not installed; only the parts the benchmark uses are declared).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type RequestContext = Record<string, unknown>;

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Called before every request of this entry; returns the request to send. */
  setupRequest?: (request: AutocannonRequest, context: RequestContext) => AutocannonRequest;
  /** Called with every response to this entry (autocannon then buffers response bodies). */
  onResponse?: (status: number, body: string, context: RequestContext) => void;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  duration?: number;
  /** Total number of requests to send, instead of a duration. */
  amount?: number;
  /** Requests per second across all connections: an open loop, latencies corrected for coordinated omission. */
  overallRate?: number;
  pipelining?: number;
  /** Seconds before a request counts as timed out. */
  timeout?: number;
  requests: AutocannonRequest[];
}

export interface Histogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  p99_9: number;
}

export interface AutocannonResult {
  latency: Histogram & { totalCount: number };
  requests: Histogram & { sent: number };
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  resets: number;
  mismatches: number;
  /** Seconds actually elapsed. */
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}

type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

const autocannon = require("autocannon") as Autocannon;

export function runAutocannon(options: AutocannonOptions): Promise<AutocannonResult> {
  return autocannon({ pipelining: 1, timeout: 10, ...options });
}
