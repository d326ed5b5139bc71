// The production HTTP server: Next.js's request handler behind a plain Node server (instead of
// `next start`), so that requests Next itself would fail with a 500 get a proper answer first
// (lib/http/unservable-request.ts). The server has no `upgrade` listener on purpose: Node then serves a
// WebSocket upgrade request as an ordinary HTTP request (we have no WebSockets), where `next start`
// closes the socket without a word.
//
//   node --import tsx scripts/serve.ts [--hostname H] [--port P]   (defaults: HOST/0.0.0.0, PORT/3000)
// in the app's directory (like `next start`: the benchmark runs it in a snapshot of the build).
import { EventEmitter } from "node:events";
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { z } from "zod";
import { forwardedFor } from "../lib/http/client-address";
import { unservableRequest } from "../lib/http/unservable-request";

const { values } = parseArgs({ options: { hostname: { type: "string" }, port: { type: "string" } } });
const hostname = values.hostname || process.env.HOST?.trim() || "0.0.0.0";
const port = Number(values.port || process.env.PORT?.trim() || 3000);
/** Whether a reverse proxy in front sets X-Forwarded-For; without one a client could pick its own address. */
const trustProxy =
  z
    .enum(["true", "false"], "TRUST_PROXY must be true or false")
    .default("false")
    .parse(process.env.TRUST_PROXY?.trim() || undefined) === "true";
/** How long a stop signal waits for in-flight requests before exiting anyway (with exit code 1). */
const SHUTDOWN_GRACE_MS = 8_000;
let stopping = false;

// Next attaches its upgrade handler (which ends the socket of any upgrade to a route) to `httpServer`,
// else to the server of the first request's socket: give it one that never emits.
const upgradeSink = new EventEmitter() as http.Server;
const app = next({ dev: false, dir: process.cwd(), hostname, port, httpServer: upgradeSink });
const handle = app.getRequestHandler();

const server = http.createServer((request, response) => {
  // A keep-alive client would go on sending here while we stop (close() only refuses new connections):
  // each answer now closes its connection, so the client's next request goes to another process.
  if (stopping) response.setHeader("connection", "close");
  const refusal = unservableRequest(request.method, request.url, request.headers);
  if (refusal) {
    const body = JSON.stringify(refusal.body);
    response.writeHead(refusal.status, {
      ...refusal.headers,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "cache-control": "no-store",
    });
    response.end(body);
    return;
  }
  const clientChain = forwardedFor(request.headers["x-forwarded-for"], request.socket.remoteAddress, trustProxy);
  if (clientChain === undefined) delete request.headers["x-forwarded-for"];
  else request.headers["x-forwarded-for"] = clientChain;
  handle(request, response).catch((error: unknown) => {
    console.error(`Failed to handle ${request.method} ${request.url}:`, error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: "Internal error" }));
  });
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  });
}

await app.prepare();
server.listen(port, hostname, () => console.log(`✓ Ready on http://${hostname}:${port}`));
