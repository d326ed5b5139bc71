// CPU time from /proc: the server's process group, all PostgreSQL processes, this process (the load
// generator) and the whole machine, so each run can say where its CPU went on the shared cores.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {
  // keep the usual 100
}
const msPerTick = 1000 / ticksPerSecond;

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  pgrp: number;
  /** utime + stime, ms */
  own: number;
  /** cutime + cstime (reaped children), ms */
  children: number;
}

function readProc(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).split(" ");
  const num = (i: number) => Number(fields[i]);
  return {
    pid,
    comm: text.slice(open + 1, close),
    ppid: num(1),
    pgrp: num(2),
    own: (num(11) + num(12)) * msPerTick,
    children: (num(13) + num(14)) * msPerTick,
  };
}

function allProcs(): ProcStat[] {
  const procs: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry));
    if (stat) procs.push(stat);
  }
  return procs;
}

export interface CpuSnapshot {
  /** ms of CPU, cumulative */
  server: number;
  postgres: number;
  loadGenerator: number;
  machineBusy: number;
  machineTotal: number;
  wallMs: number;
}

function machine(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy: busy * msPerTick, total: (busy + idle! + iowait!) * msPerTick };
}

export function cpuSnapshot(serverPgid: number): CpuSnapshot {
  const procs = allProcs();
  const postgres = procs.filter((proc) => proc.comm === "postgres" || proc.comm.startsWith("postgres:"));
  const postgresPids = new Set(postgres.map((proc) => proc.pid));
  let postgresMs = 0;
  for (const proc of postgres) {
    postgresMs += proc.own;
    // The postmaster's reaped-children time covers backends that exited since the last snapshot.
    if (!postgresPids.has(proc.ppid)) postgresMs += proc.children;
  }
  let serverMs = 0;
  for (const proc of procs) {
    if (proc.pgrp !== serverPgid) continue;
    serverMs += proc.own;
    if (proc.pid === serverPgid) serverMs += proc.children;
  }
  const self = process.cpuUsage();
  const { busy, total } = machine();
  return {
    server: serverMs,
    postgres: postgresMs,
    loadGenerator: (self.user + self.system) / 1000,
    machineBusy: busy,
    machineTotal: total,
    wallMs: performance.now(),
  };
}

export interface CpuUsage {
  /** CPU ms spent per completed request */
  serverPerRequest: number;
  postgresPerRequest: number;
  loadGeneratorPerRequest: number;
  /** share of all cores busy during the run, 0-100 */
  machineBusyPercent: number;
  /** busy share not explained by server + postgres + load generator (other work on the machine), 0-100 */
  otherPercent: number;
}

export function cpuUsage(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuUsage {
  const per = (value: number) => (requests > 0 ? value / requests : 0);
  const server = after.server - before.server;
  const postgres = after.postgres - before.postgres;
  const loadGenerator = after.loadGenerator - before.loadGenerator;
  const busy = after.machineBusy - before.machineBusy;
  const total = Math.max(1, after.machineTotal - before.machineTotal);
  return {
    serverPerRequest: per(server),
    postgresPerRequest: per(postgres),
    loadGeneratorPerRequest: per(loadGenerator),
    machineBusyPercent: (100 * busy) / total,
    otherPercent: Math.max(0, (100 * (busy - server - postgres - loadGenerator)) / total),
  };
}

/**
 * Waits (up to maxWaitMs) until the machine is mostly idle before a measurement, so that other
 * people's builds and tests disturb fewer runs. Returns how long it waited and the last busy share.
 */
export async function waitForQuiet(
  maxWaitMs: number,
  thresholdPercent = 30,
): Promise<{ waitedMs: number; busyPercent: number }> {
  const started = performance.now();
  let busyPercent = 100;
  for (;;) {
    const a = machine();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const b = machine();
    busyPercent = (100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total);
    const waitedMs = performance.now() - started;
    if (busyPercent <= thresholdPercent || waitedMs >= maxWaitMs) return { waitedMs, busyPercent };
  }
}
