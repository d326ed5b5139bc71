// A counting TCP proxy in front of PostgreSQL: forwards bytes unchanged and, by reading the wire
// protocol on the side, counts round trips (one per ReadyForQuery), the statements in each, and how
// long the server took to answer. Used by the profile only: it adds a hop to every query.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface StatementStats {
  count: number;
  ms: number;
}

export interface ProxyStats {
  roundTrips: number;
  /** Summed wait from the first message of a round trip to its ReadyForQuery, ms. */
  ms: number;
  connections: number;
  byStatement: Map<string, StatementStats>;
  /** Explicit transactions: BEGIN sent → COMMIT/ROLLBACK answered. */
  transactions: StatementStats;
  /** How long the project row stayed locked: the counter update answered → COMMIT/ROLLBACK answered. */
  counterLockHeld: StatementStats;
}

// Prisma's UPDATE, or the ingestion pipeline's create statement, which starts with it (a CTE).
const COUNTER_UPDATE = /^UPDATE "project" SET "issue_counter"|^WITH counter AS \( ?UPDATE project SET issue_counter/;
const emptyStats = (): ProxyStats => ({
  roundTrips: 0,
  ms: 0,
  connections: 0,
  byStatement: new Map(),
  transactions: { count: 0, ms: 0 },
  counterLockHeld: { count: 0, ms: 0 },
});

interface Batch {
  start: number;
  labels: string[];
}

function label(sql: string): string {
  const text = sql
    .replace(/\s+/g, " ")
    .replace(/"public"\./g, "")
    .trim();
  return text.length > 150 ? `${text.slice(0, 149)}…` : text;
}

/** Splits a byte stream into protocol messages: `typed` messages are a type byte plus an int32 length. */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(
    private typed: boolean,
    private readonly onMessage: (type: string, body: Buffer) => void,
  ) {}

  startTyped(): void {
    this.typed = true;
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const header = this.typed ? 5 : 4;
      if (this.buffer.length < header) return;
      const length = this.buffer.readInt32BE(this.typed ? 1 : 0);
      const total = (this.typed ? 1 : 0) + length;
      if (this.buffer.length < total) return;
      const type = this.typed ? String.fromCharCode(this.buffer[0]!) : "";
      this.onMessage(type, this.buffer.subarray(header, total));
      this.buffer = this.buffer.subarray(total);
      if (this.buffer.length === 0) {
        this.buffer = Buffer.alloc(0);
        return;
      }
    }
  }
}

export class PgCountingProxy {
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  stats: ProxyStats = emptyStats();

  constructor(
    private readonly upstreamHost = "127.0.0.1",
    private readonly upstreamPort = 5432,
  ) {}

  /** Returns what was counted since the last call and starts counting afresh. */
  take(): ProxyStats {
    const taken = this.stats;
    this.stats = emptyStats();
    return taken;
  }

  async listen(): Promise<number> {
    this.server = createServer((client) => this.handle(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    if (typeof address !== "object" || !address) throw new Error("proxy has no port");
    return address.port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(client: Socket): void {
    const upstream = connect(this.upstreamPort, this.upstreamHost);
    this.sockets.add(client).add(upstream);
    this.stats.connections += 1;
    client.setNoDelay(true);
    upstream.setNoDelay(true);

    const pending: Batch[] = [];
    let current: Batch | null = null;
    let startupDone = false;
    let transactionSince: number | null = null;
    let counterLockedSince: number | null = null;
    let expectOneByteAnswer = false;
    /** Named prepared statements of this connection: after the first Parse, only Bind names them. */
    const prepared = new Map<string, string>();

    const fromClient = new MessageReader(false, (type, body) => {
      if (!startupDone) {
        const code = body.readInt32BE(0);
        if (code === 80877103 || code === 80877104)
          expectOneByteAnswer = true; // SSL / GSS request
        else {
          startupDone = true;
          fromClient.startTyped();
        }
        return;
      }
      if (type === "X") return;
      current ??= { start: performance.now(), labels: [] };
      if (type === "P") {
        const nameEnd = body.indexOf(0);
        const queryEnd = body.indexOf(0, nameEnd + 1);
        const text = label(body.toString("utf8", nameEnd + 1, queryEnd));
        if (nameEnd > 0) prepared.set(body.toString("utf8", 0, nameEnd), text);
        current.labels.push(text);
      } else if (type === "B" && current.labels.length === 0) {
        const portalEnd = body.indexOf(0);
        const statement = body.toString("utf8", portalEnd + 1, body.indexOf(0, portalEnd + 1));
        const text = prepared.get(statement);
        if (text) current.labels.push(text);
      } else if (type === "Q") {
        current.labels.push(label(body.toString("utf8", 0, body.length - 1)));
      }
      if (type === "S" || type === "Q") {
        if (current.labels.length === 0) current.labels.push("(execute prepared statement)");
        pending.push(current);
        current = null;
      }
    });

    const fromServer = new MessageReader(true, (type) => {
      if (type !== "Z") return;
      const batch = pending.shift();
      if (!batch) return; // ReadyForQuery after authentication
      const now = performance.now();
      const ms = now - batch.start;
      const first = batch.labels[0] ?? "";
      if (first === "BEGIN") transactionSince = batch.start;
      if (COUNTER_UPDATE.test(first)) counterLockedSince ??= now;
      if (first === "COMMIT" || first === "ROLLBACK") {
        if (transactionSince !== null) {
          this.stats.transactions.count += 1;
          this.stats.transactions.ms += now - transactionSince;
        }
        if (counterLockedSince !== null) {
          this.stats.counterLockHeld.count += 1;
          this.stats.counterLockHeld.ms += now - counterLockedSince;
        }
        transactionSince = null;
        counterLockedSince = null;
      }
      this.stats.roundTrips += 1;
      this.stats.ms += ms;
      const key = batch.labels.join(" ; ");
      const entry = this.stats.byStatement.get(key) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += ms;
      this.stats.byStatement.set(key, entry);
    });

    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      fromClient.push(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      client.write(chunk);
      if (expectOneByteAnswer) {
        expectOneByteAnswer = false;
        chunk = chunk.subarray(1);
        if (chunk.length === 0) return;
      }
      fromServer.push(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  }
}
