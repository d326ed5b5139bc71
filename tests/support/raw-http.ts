// One HTTP/1.1 exchange over a plain socket, for requests fetch() will not send (TRACE, a WebSocket
// upgrade, a path fetch would normalise) and to see whether the server answers or just closes.
import net from "node:net";

export interface RawAnswer {
  /** null when the server closed the connection (or timed out) without a status line. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  timedOut: boolean;
}

export function rawRequest(
  baseUrl: string,
  head: string,
  body: string | Buffer = "",
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let timedOut = false;
    // The client never half-closes (Node's server would abort the request in flight); the server
    // closes after its answer instead, also when the request asks for an upgrade.
    const withClose = /^connection:/im.test(head)
      ? head.replace(/^(connection:[^\r\n]*)/im, "$1, close")
      : `${head.replace(/\s+$/, "")}\r\nConnection: close`;
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(Buffer.concat([Buffer.from(`${withClose.replace(/\s+$/, "")}\r\n\r\n`), Buffer.from(body)])),
    );
    socket.setTimeout(timeoutMs, () => {
      timedOut = true;
      socket.destroy();
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve({ ...parseAnswer(Buffer.concat(chunks).toString("utf8")), timedOut }));
  });
}

function parseAnswer(text: string): Omit<RawAnswer, "timedOut"> {
  const end = text.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = (end === -1 ? text : text.slice(0, end)).split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: status ? Number(status) : null, headers, body: end === -1 ? "" : text.slice(end + 4) };
}

/** The headers of a browser's WebSocket handshake. */
export const WEBSOCKET_UPGRADE =
  "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
