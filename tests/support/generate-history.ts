// Seeded, realistic repository histories with a planted culprit, for measuring suspect ranking.
// Files are arrays of unique lines; every commit edits them and its patch is a real unified diff
// of the change, so line numbers shift exactly as they would in git. The crash line is the one
// the culprit wrote (or whose guard it removed), located in the code that was deployed when the
// error first appeared.
import { createHash } from "node:crypto";
import type { StackFrame } from "@/lib/correlation/extract-frames";
import type { FakeCommit, FakeDeployment, FakeFile, FakeRepoData } from "./fake-github";

export interface Scenario {
  seed: number;
  hard: boolean;
  repo: FakeRepoData;
  firstSeen: Date;
  frames: StackFrame[];
  release?: string;
  culprit: string;
  /** How the culprit's change relates to the crash line. */
  culpritKind: "line" | "adjacent" | "added" | "hunk";
}

const HOUR = 3_600_000;
const DIRS = ["src/api", "src/lib", "src/lib/db", "src/components", "src/server", "packages/core/src", "src/api/admin"];
const NAMES = [
  "index.ts",
  "utils.ts",
  "handler.ts",
  "user-service.ts",
  "billing.ts",
  "session.ts",
  "format.ts",
  "cart.tsx",
  "auth.ts",
  "orders.ts",
  "queue.ts",
];
const AUTHORS = [
  { name: "Ada Lovelace", email: "ada@example.com", login: "ada" },
  { name: "Grace Hopper", email: "grace@example.com", login: "grace" },
  { name: "Linus Example", email: "linus@example.com", login: "linus-e" },
  { name: "Margaret Hamilton", email: "mh@example.com", login: "mhamilton" },
  { name: "Ken Thompson", email: "ken@example.com" },
];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unified diff of two line arrays whose lines are unique (true here by construction). */
export function diffLines(before: string[], after: string[]): string | undefined {
  const inAfter = new Set(after);
  const ops: { op: " " | "+" | "-"; text: string; oldNo: number; newNo: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j])
      ops.push({ op: " ", text: before[i]!, oldNo: ++i, newNo: ++j });
    else if (i < before.length && !inAfter.has(before[i]!))
      ops.push({ op: "-", text: before[i]!, oldNo: ++i, newNo: j });
    else ops.push({ op: "+", text: after[j]!, oldNo: i, newNo: ++j });
  }
  const changed = ops.flatMap((entry, index) => (entry.op === " " ? [] : [index]));
  if (changed.length === 0) return undefined;
  const hunks: string[] = [];
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 7) end += 1;
    const from = Math.max(0, changed[start]! - 3);
    const to = Math.min(ops.length - 1, changed[end]! + 3);
    const slice = ops.slice(from, to + 1);
    const oldLines = slice.filter((e) => e.op !== "+").length;
    const newLines = slice.filter((e) => e.op !== "-").length;
    const oldFirst = slice.find((e) => e.op !== "+")?.oldNo ?? slice[0]!.oldNo;
    const newFirst = slice.find((e) => e.op !== "-")?.newNo ?? slice[0]!.newNo;
    hunks.push(`@@ -${oldFirst},${oldLines} +${newFirst},${newLines} @@`, ...slice.map((e) => `${e.op}${e.text}`));
    start = end + 1;
  }
  return hunks.join("\n");
}

export function generateScenario(seed: number, hard: boolean): Scenario {
  const rnd = random(seed);
  const int = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  let lineCounter = 0;
  const newLine = (indent = 2): string =>
    `${" ".repeat(indent)}const v${seed}_${++lineCounter} = step(${lineCounter});`;

  const paths = new Set<string>();
  while (paths.size < 22) paths.add(`${pick(DIRS)}/${pick(NAMES)}`);
  const files = new Map([...paths].map((path) => [path, Array.from({ length: int(80, 300) }, () => newLine())]));
  const pathList = [...paths];

  const firstSeen = new Date(Date.UTC(2026, 10, 20, 9, 14, 3) + seed * 7 * HOUR);
  const T = firstSeen.getTime();
  const withDeployments = !hard || rnd() > 0.15;
  const lastDeployAt = T - int(60, 600) * 60_000;
  const prevDeployAt = lastDeployAt - int(6, 16) * HOUR;
  const culpritAt =
    prevDeployAt + int(10, Math.max(11, Math.floor((lastDeployAt - prevDeployAt) / 60_000) - 15)) * 60_000;

  // Stack: crash file plus 2–4 callers, each frame at a line protected from ordinary edits.
  const stackPaths = [...new Set(Array.from({ length: int(3, 5) }, () => pick(pathList)))];
  const crashPath = stackPaths.at(-1)!;
  const protectedLines = new Map(stackPaths.map((path) => [path, pick(files.get(path)!.slice(10, -10))]));
  let crashLine = protectedLines.get(crashPath)!;

  type Plan = {
    at: number;
    kind: "random" | "decoy-crash-file" | "decoy-caller-line" | "format" | "culprit" | "undeployed-crash-line";
  };
  const plans: Plan[] = [{ at: culpritAt, kind: "culprit" }];
  const start = T - 96 * HOUR;
  for (let n = int(35, 50); n > 0; n -= 1) plans.push({ at: start + rnd() * (T + 3 * HOUR - start), kind: "random" });
  if (hard) {
    for (let n = int(2, 4); n > 0; n -= 1)
      plans.push({ at: prevDeployAt + rnd() * (lastDeployAt - 10 * 60_000 - prevDeployAt), kind: "decoy-crash-file" });
    if (rnd() < 0.5) plans.push({ at: culpritAt + rnd() * (lastDeployAt - 10 * 60_000 - culpritAt), kind: "format" });
    if (rnd() < 0.4)
      plans.push({ at: prevDeployAt + rnd() * (lastDeployAt - 10 * 60_000 - prevDeployAt), kind: "decoy-caller-line" });
    if (withDeployments && rnd() < 0.6)
      plans.push({ at: lastDeployAt + rnd() * (T - lastDeployAt - 60_000), kind: "undeployed-crash-line" });
  } else if (rnd() < 0.3) {
    plans.push({ at: start + rnd() * (T - start), kind: "format" });
  }
  plans.sort((a, b) => a.at - b.at);
  // Keep the culprit among the 20 newest commits of the window, as the correlation would see it.
  const newer = plans.filter((p) => p.at > culpritAt && p.at <= T).length;
  for (let excess = newer - 17; excess > 0; excess -= 1) {
    const index = plans.findIndex((p) => p.kind === "random" && p.at > culpritAt && p.at <= T);
    plans.splice(index, 1);
  }

  const nearProtected = (path: string, lines: string[], at: number): boolean => {
    const guard = [protectedLines.get(path), path === crashPath ? crashLine : undefined];
    return guard.some((line) => line !== undefined && Math.abs(lines.indexOf(line) - at) <= 1);
  };
  // Replace `remove` lines at `at` with `insert` new ones, away from protected lines.
  const edit = (path: string, lines: string[], near?: number): string[] => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const at = near !== undefined ? near + pick([-1, 1]) * int(3, 9) : int(0, lines.length - 6);
      const remove = int(0, 3);
      if (at < 0 || at + remove >= lines.length) continue;
      if ([...Array(remove + 1).keys()].some((k) => nearProtected(path, lines, at + k))) continue;
      const copy = [...lines];
      copy.splice(at, remove, ...Array.from({ length: remove === 0 ? int(1, 5) : int(0, 5) }, () => newLine()));
      return copy;
    }
    return lines;
  };
  const reformat = (line: string): string => `  ${line.replace(/\(/, "( ").replace(/\)/, " )")}`;

  const commits: FakeCommit[] = [];
  let culpritSha = "";
  let culpritKind: Scenario["culpritKind"] = "line";
  let deployedSnapshot: Map<string, string[]> | undefined;
  const snapshotAt = withDeployments ? lastDeployAt - 5 * 60_000 : T;
  plans.forEach((plan, index) => {
    if (!deployedSnapshot && plan.at > snapshotAt) deployedSnapshot = new Map([...files].map(([p, l]) => [p, [...l]]));
    const changes = new Map<string, string[]>();
    const lines = (path: string): string[] => changes.get(path) ?? files.get(path)!;
    let message = pick([
      "feat: add filters",
      "refactor: extract helper",
      "chore: tidy",
      "fix: edge case",
      "perf: cache lookups",
    ]);
    if (plan.kind === "random") {
      const touchStack = rnd() < (hard ? 0.45 : 0.25);
      for (let n = int(1, 3); n > 0; n -= 1) {
        const path = touchStack && n === 1 ? pick(stackPaths) : pick(pathList);
        changes.set(path, edit(path, lines(path)));
      }
    } else if (plan.kind === "decoy-crash-file") {
      const current = lines(crashPath);
      changes.set(crashPath, edit(crashPath, current, rnd() < 0.5 ? current.indexOf(crashLine) : undefined));
      message = pick(["refactor: split handler", "fix: log context", "chore: rename variables"]);
    } else if (plan.kind === "decoy-caller-line" && stackPaths.length > 1) {
      // Rewrites the line of the frame right above the crash: real, but weaker, evidence.
      const caller = stackPaths.at(-2)!;
      const current = [...lines(caller)];
      const replacement = newLine(4);
      current.splice(current.indexOf(protectedLines.get(caller)!), 1, replacement);
      protectedLines.set(caller, replacement);
      changes.set(caller, current);
      message = "refactor: inline lookup";
    } else if (plan.kind === "format") {
      for (const path of [...new Set([...stackPaths, ...Array.from({ length: int(3, 8) }, () => pick(pathList))])]) {
        const current = lines(path);
        const touched = new Set(Array.from({ length: int(3, 12) }, () => int(0, current.length - 1)));
        if (hard && path === crashPath && plan.at > culpritAt) touched.add(current.indexOf(crashLine));
        const next = current.map((line, i) =>
          touched.has(i) && (line === crashLine || !nearProtected(path, current, i)) ? reformat(line) : line,
        );
        if (next.includes(reformat(crashLine)) && path === crashPath) crashLine = reformat(crashLine);
        changes.set(path, next);
      }
      message = "style: run formatter";
    } else if (plan.kind === "culprit") {
      const current = [...lines(crashPath)];
      const at = current.indexOf(crashLine);
      const variant = rnd();
      if (variant >= 0.9) {
        // Changed the line two above; the crash line itself is untouched, only inside the hunk.
        current.splice(at - 2, 1, newLine(4));
        culpritKind = "hunk";
      } else if (variant < 0.5) {
        crashLine = newLine(4); // rewrote the crash line (and maybe its neighbour)
        current.splice(at, int(1, 2), crashLine);
        culpritKind = "line";
      } else if (variant < 0.75) {
        culpritKind = "adjacent";
        const removed = int(1, 2);
        current.splice(at - removed, removed); // removed the guard right above it
      } else {
        culpritKind = "added";
        crashLine = newLine(4); // new code, crash line inside it
        current.splice(at, 0, newLine(4), crashLine, newLine(4));
      }
      changes.set(crashPath, current);
      if (rnd() < 0.5) {
        const other = pick(pathList);
        if (other !== crashPath) changes.set(other, edit(other, lines(other)));
      }
      message = pick(["fix: handle missing user", "feat: new checkout flow", "refactor: simplify session lookup"]);
    } else {
      const current = [...lines(crashPath)];
      current.splice(current.indexOf(crashLine), 1, newLine(4));
      changes.set(crashPath, current);
      message = "fix: guard against missing cart (not yet deployed)";
    }
    const sha = createHash("sha1").update(`${seed}:${index}`).digest("hex");
    const touched: FakeFile[] = [...changes].flatMap(([path, next]) => {
      const patch = diffLines(files.get(path)!, next);
      files.set(path, next);
      return patch ? [{ filename: path, patch }] : [];
    });
    if (touched.length === 0) return;
    if (plan.kind === "culprit") culpritSha = sha;
    commits.push({ sha, message, author: pick(AUTHORS), date: new Date(plan.at).toISOString(), files: touched });
  });
  deployedSnapshot ??= new Map([...files].map(([p, l]) => [p, [...l]]));

  const deployments: FakeDeployment[] = [];
  if (withDeployments) {
    const headAt = (time: number): FakeCommit | undefined =>
      commits.filter((c) => Date.parse(c.date) <= time - 5 * 60_000).at(-1);
    const times = [lastDeployAt, prevDeployAt];
    while (times.at(-1)! - 8 * HOUR > start) times.push(times.at(-1)! - int(8, 14) * HOUR);
    times.forEach((at, index) => {
      const head = headAt(at);
      if (!head) return;
      const statuses = [{ state: "success" as const, createdAt: new Date(at).toISOString() }];
      deployments.push({
        id: 900 - index,
        sha: head.sha,
        ref: "main",
        environment: "production",
        createdAt: new Date(at - 4 * 60_000).toISOString(),
        statuses,
      });
    });
    const failedHead = headAt(T - 60_000);
    if (hard && failedHead && rnd() < 0.4 && Date.parse(failedHead.date) > lastDeployAt) {
      deployments.push({
        id: 901,
        sha: failedHead.sha,
        ref: "main",
        environment: "production",
        createdAt: new Date(T - 2 * 60_000).toISOString(),
        statuses: [{ state: "failure", createdAt: new Date(T - 60_000).toISOString() }],
      });
    }
  }

  const frames: StackFrame[] = stackPaths.map((path) => {
    const target = path === crashPath ? crashLine : protectedLines.get(path)!;
    const style = int(0, 2);
    const filename = style === 0 ? `webpack://web/./${path}` : style === 1 ? `app:///${path}` : `/${path}`;
    return {
      filename,
      absPath: filename,
      function: "handle",
      lineno: deployedSnapshot!.get(path)!.indexOf(target) + 1,
      inApp: true,
    };
  });
  const release = withDeployments && rnd() < 0.3 ? `web@${deployments[0]!.sha.slice(0, 12)}` : undefined;
  return { seed, hard, repo: { commits, deployments }, firstSeen, frames, release, culprit: culpritSha, culpritKind };
}
