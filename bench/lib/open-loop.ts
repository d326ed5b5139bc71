// A true open-loop load generator: request i is due at start + i/rate, sent then whatever happened to
// the earlier ones, and its latency counts from when it was due (so a generator that falls behind
// shows up as latency, not as fewer requests: no coordinated omission).
//
// Why not autocannon's overallRate: it gives each connection a budget of rate/connections requests
// per second, refilled by a 1-second timer that all connections start together; each connection then
// sends its budget back to back. The "fixed rate" arrives as one burst at the top of every second
// (at 80 % of capacity, 0.8 s of work at once, so the last of each burst waits ~0.8 s even on an idle
// route). And its coordinated-omission correction passes Math.ceil(1 / rate) as the expected
// interval, in milliseconds, with rate in requests per second per connection: 1 ms, so every
// response of n ms is recorded n times (n-1 synthetic samples), which weights the percentiles by
// latency. Both inflate p99 on every path, the bare one included.
import http from "node:http";
import type { AutocannonRequest, RequestContext } from "./autocannon";

export interface OpenLoopOptions {
  url: string;
  /** Requests per second. */
  rate: number;
  seconds: number;
  request: AutocannonRequest;
  /** A request unanswered after this long counts as a timeout (its latency is not recorded). */
  timeoutMs?: number;
  /** Sockets at most (a request due while all are busy waits for one, and that wait counts). */
  maxSockets?: number;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Seconds from the first due time to the last answer. */
  duration: number;
  /** Milliseconds from due time to answer, of 2xx answers. */
  latency: { p50: number; p90: number; p99: number; max: number };
  /** How late the generator itself sent requests (its own scheduling delay), p99 in ms. */
  sendLagP99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 512 });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const lags: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let lastAnswer = 0;
  const inFlight: Promise<void>[] = [];

  const fire = (due: number) =>
    new Promise<void>((resolve) => {
      const context: RequestContext = {};
      const base = options.request;
      const request = base.setupRequest ? base.setupRequest({ ...base }, context) : base;
      const body = request.body ?? "";
      const sentAt = performance.now();
      lags.push(sentAt - due);
      const outgoing = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method ?? "GET",
          path: request.path ?? "/",
          headers: { ...request.headers, "content-length": Buffer.byteLength(body) },
          agent,
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const now = performance.now();
            lastAnswer = now;
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              ok++;
              latencies.push(now - due);
            } else non2xx++;
            base.onResponse?.(status, Buffer.concat(chunks).toString("utf8"), context);
            resolve();
          });
        },
      );
      let timedOut = false;
      outgoing.on("timeout", () => {
        timedOut = true;
        timeouts++;
        outgoing.destroy();
      });
      outgoing.on("error", () => {
        if (!timedOut) errors++;
        resolve();
      });
      outgoing.end(body);
    });

  const start = performance.now() + 5;
  let next = 0;
  while (next < total) {
    const now = performance.now();
    // Every request whose time has come goes now, even if the event loop woke up late.
    while (next < total && start + next * interval <= now) inFlight.push(fire(start + next++ * interval));
    const wait = start + next * interval - performance.now();
    if (next < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.floor(wait))));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value);
  return {
    sent: total,
    ok,
    non2xx,
    errors,
    timeouts,
    duration: (Math.max(lastAnswer, start) - start) / 1000,
    latency: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    sendLagP99: round(percentile(lags, 99)),
  };
}
