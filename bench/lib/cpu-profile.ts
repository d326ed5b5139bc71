// Summarises a V8 .cpuprofile of the server: self time per component (Next.js, Prisma, pg, zod, pino,
// application code...) within a time window, mapping bundled chunks back to their sources through
// the build's source maps.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** non-idle CPU ms in the window */
  busyMs: number;
  windowMs: number;
  /** component → self ms */
  byComponent: Map<string, number>;
  /** "component | function (source:line)" → self ms */
  byFunction: Map<string, number>;
}

const sourceMaps = new Map<string, SourceMap | null>();

function sourceMapFor(path: string): SourceMap | null {
  if (!sourceMaps.has(path)) {
    let map: SourceMap | null = null;
    try {
      if (existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8")));
    } catch {
      map = null;
    }
    sourceMaps.set(path, map);
  }
  return sourceMaps.get(path) ?? null;
}

function componentOfPath(path: string): string {
  const p = decodeURIComponent(path);
  const modules = p.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = p.slice(modules + "node_modules/".length).split("/");
    const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (pkg === "next" || pkg === "@next/env") return "next";
    if (pkg.startsWith("@prisma/") || pkg === "prisma") return "prisma runtime";
    if (
      [
        "pg",
        "pg-protocol",
        "pg-pool",
        "pg-types",
        "pg-connection-string",
        "postgres-array",
        "postgres-date",
        "postgres-interval",
        "postgres-bytea",
        "buffer-writer",
        "packet-reader",
      ].includes(pkg)
    ) {
      return "pg driver";
    }
    if (
      [
        "pino",
        "sonic-boom",
        "fast-redact",
        "@pinojs/redact",
        "pino-std-serializers",
        "quick-format-unescaped",
        "atomic-sleep",
        "thread-stream",
        "on-exit-leak-free",
        "safe-stable-stringify",
        "fast-copy",
      ].includes(pkg)
    ) {
      return "pino (logging)";
    }
    if (pkg === "zod") return "zod (validation)";
    if (pkg.startsWith("next-auth") || pkg === "jose" || pkg === "@panva/hkdf") return "next-auth (proxy.ts)";
    return `npm:${pkg}`;
  }
  if (/(^|\/)lib\/generated\/prisma\//.test(p)) return "prisma generated client";
  if (/(^|\/)(lib|app|components)\//.test(p) || /(^|\/)(proxy|auth)\.ts$/.test(p))
    return "app code (lib/, app/, proxy.ts)";
  if (/\/\.next[^/]*\//.test(p)) return "next (build output)";
  return p.split("/").slice(-2).join("/");
}

const SOCKET_WRITES = new Set([
  "writev",
  "writeBuffer",
  "writeUtf8String",
  "writeLatin1String",
  "writeAsciiString",
  "utf8Write",
]);

function describe(frame: CallFrame): { component: string; where: string } {
  const { functionName, url } = frame;
  if (!url) {
    if (functionName === "(garbage collector)") return { component: "GC", where: "" };
    if (functionName === "(program)") return { component: "V8/native (program)", where: "" };
    if (SOCKET_WRITES.has(functionName)) return { component: "socket/file write syscalls", where: "" };
    if (functionName.startsWith("RegExp: "))
      return { component: "regular expressions (native)", where: functionName.slice(0, 60) };
    return { component: "other native builtins", where: functionName.slice(0, 60) };
  }
  if (url.startsWith("wasm://")) return { component: "prisma query compiler (wasm)", where: "" };
  if (url.startsWith("node:")) {
    const module = url.replace(/^node:(internal\/)?/, "").split("/")[0] ?? url;
    return { component: "node core", where: module };
  }
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (/\/\.next[^/]*\/server\//.test(path)) {
    const map = sourceMapFor(path);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as
      | { originalSource?: string; originalLine?: number }
      | undefined;
    if (entry?.originalSource) {
      const source = decodeURIComponent(entry.originalSource).replace(/^(\.\.\/)+/, "");
      return { component: componentOfPath(source), where: `${source}:${(entry.originalLine ?? 0) + 1}` };
    }
  }
  const short = path.replace(/^.*node_modules\//, "");
  return { component: componentOfPath(path), where: `${short}:${frame.lineNumber + 1}` };
}

/** The newest .cpuprofile in a directory. */
export function findProfile(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .sort();
  return files.length > 0 ? `${dir}/${files[files.length - 1]}` : null;
}

/** Self time per component within [fromUs, toUs] (process.hrtime microseconds: V8 uses the same clock). */
export function summarizeProfile(file: string, fromUs: number, toUs: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const described = new Map<number, { component: string; where: string; fn: string; idle: boolean }>();
  const summary: ProfileSummary = {
    busyMs: 0,
    windowMs: (toUs - fromUs) / 1000,
    byComponent: new Map(),
    byFunction: new Map(),
  };
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (time < fromUs || time > toUs || duration <= 0) continue;
    const id = profile.samples[i]!;
    let info = described.get(id);
    if (!info) {
      const frame = nodes.get(id)!.callFrame;
      const { component, where } = describe(frame);
      info = { component, where, fn: frame.functionName || "(anonymous)", idle: frame.functionName === "(idle)" };
      described.set(id, info);
    }
    if (info.idle) continue;
    summary.busyMs += duration;
    summary.byComponent.set(info.component, (summary.byComponent.get(info.component) ?? 0) + duration);
    const key = `${info.component} | ${info.fn}${info.where ? ` (${info.where})` : ""}`;
    summary.byFunction.set(key, (summary.byFunction.get(key) ?? 0) + duration);
  }
  return summary;
}
