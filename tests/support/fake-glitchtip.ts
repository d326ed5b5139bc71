// An in-process GlitchTip REST API on 127.0.0.1 for what correlation reads: an issue's latest event
// (`GET /api/0/issues/{id}/events/latest/`, Sentry's camelCase shape). Checks the Bearer token (401
// otherwise), answers 404 for unknown issues, and logs every request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeGlitchTipRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  status: number;
}

export interface FakeGlitchTip {
  url: string;
  log: FakeGlitchTipRequest[];
  /** Serves `event` (parsed JSON or raw bytes) as the latest event of issue `id`. */
  setLatestEvent(id: string, event: unknown): void;
  close(): Promise<void>;
}

const LATEST_EVENT = /^\/api\/0\/issues\/(\d+)\/events\/latest\/$/;

export async function startFakeGlitchTip(options: { token: string }): Promise<FakeGlitchTip> {
  const events = new Map<string, string>();
  const log: FakeGlitchTipRequest[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const entry: FakeGlitchTipRequest = {
      method: req.method ?? "GET",
      path,
      authorization: req.headers.authorization,
      status: 0,
    };
    log.push(entry);
    const answer = (status: number, body: string) => {
      entry.status = status;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body);
    };
    if (req.headers.authorization !== `Bearer ${options.token}`) return answer(401, '{"detail":"Invalid token."}');
    const match = LATEST_EVENT.exec(path);
    const event = match && req.method === "GET" ? events.get(match[1]!) : undefined;
    return event === undefined ? answer(404, '{"detail":"Not found."}') : answer(200, event);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    setLatestEvent: (id, event) =>
      void events.set(id, Buffer.isBuffer(event) ? event.toString("utf8") : JSON.stringify(event)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
