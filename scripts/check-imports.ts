// Checks that imports in lib/ and app/ point one way and form no cycle (type-only imports included):
//   routes, lib/http, job handlers → lib/ingest → lib/sources, lib/lifecycle, lib/jira-sync, jobs' enqueue API
//   → API clients (lib/integrations), which import none of those.
// Run by tests/unit/import-rules.test.ts; `npx tsx scripts/check-imports.ts` prints the same findings.
// The import graph comes from TypeScript's own pre-processor, so no dependency is needed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCANNED = ["lib", "app"];
const SKIPPED = [/^lib\/generated\//];

interface Rule {
  /** Files the rule applies to (paths relative to the repository, with /). */
  from: RegExp;
  /** Imports they may not have: local paths, or package names. */
  forbidden: RegExp;
  why: string;
}

export const RULES: Rule[] = [
  {
    from: /^lib\//,
    forbidden: /^(app|components)\/|^next(\/|$)/,
    why: "lib/ is the domain: nothing of Next.js or the UI",
  },
  {
    from: /^lib\/integrations\//,
    forbidden: /^lib\/(jobs|ingest|sources|lifecycle|jira-sync|http|issues)\//,
    why: "an API client knows only its API and lib/errors.ts",
  },
  {
    from: /^lib\/(ingest|sources|lifecycle|jira-sync|correlation)\//,
    forbidden: /^lib\/http\//,
    why: "http → ingest, never back",
  },
  {
    from: /^lib\/(sources|lifecycle|jira-sync)\//,
    forbidden: /^lib\/ingest\//,
    why: "ingest → sources / lifecycle / jira-sync, never back",
  },
  {
    from: /^lib\/(?!jobs\/(handlers\/|start-process-worker))/,
    forbidden: /^lib\/jobs\/(handlers\/|run-worker|start-process-worker)/,
    why: "the domain uses the jobs' enqueue API (enqueue-job, queues); only the worker knows the handlers",
  },
];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (SKIPPED.some((skip) => skip.test(`${rel}/`) || skip.test(rel))) continue;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...listFiles(rel));
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

/** A local import as a repository path, a package name, or null for a local path that is not a source file. */
function resolveImport(fromFile: string, specifier: string): { local: string } | { pkg: string } | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("."))
    base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  else return { pkg: specifier };
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    const full = path.join(ROOT, candidate);
    if (existsSync(full) && statSync(full).isFile()) return /\.tsx?$/.test(candidate) ? { local: candidate } : null;
  }
  return null;
}

export interface ImportGraph {
  /** file → the local files it imports */
  edges: Map<string, string[]>;
  /** file → the packages it imports */
  packages: Map<string, string[]>;
}

export function importGraph(): ImportGraph {
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of SCANNED.flatMap(listFiles)) {
    const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
    const local: string[] = [];
    const pkgs: string[] = [];
    for (const { fileName } of info.importedFiles) {
      const target = resolveImport(file, fileName);
      if (target && "local" in target) local.push(target.local);
      else if (target) pkgs.push(target.pkg);
    }
    edges.set(file, [...new Set(local)]);
    packages.set(file, [...new Set(pkgs)]);
  }
  return { edges, packages };
}

/** Every import that breaks a rule, as "file → import: why". */
export function ruleViolations(graph: ImportGraph = importGraph()): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph.edges) {
    for (const target of [...targets, ...(graph.packages.get(file) ?? [])]) {
      for (const rule of RULES) {
        if (rule.from.test(file) && rule.forbidden.test(target)) found.push(`${file} → ${target}: ${rule.why}`);
      }
    }
  }
  return found;
}

/** Every import cycle among the scanned files (strongly connected components of more than one file, or a file importing itself). */
export function importCycles(graph: ImportGraph = importGraph()): string[][] {
  // Tarjan's algorithm, iterative enough for a tree of this size.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    indices.set(file, index);
    low.set(file, index);
    index++;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.edges.get(file) ?? []) {
      if (!graph.edges.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, indices.get(next)!));
      }
    }
    if (low.get(file) === indices.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.edges.get(file) ?? []).includes(file)) cycles.push(component.sort());
    }
  };
  for (const file of graph.edges.keys()) if (!indices.has(file)) visit(file);
  return cycles;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const graph = importGraph();
  const violations = ruleViolations(graph);
  const cycles = importCycles(graph);
  for (const line of violations) console.log(`rule: ${line}`);
  for (const cycle of cycles) console.log(`cycle: ${cycle.join(" ⇄ ")}`);
  console.log(`${graph.edges.size} files, ${violations.length} rule violations, ${cycles.length} cycles`);
  process.exitCode = violations.length + cycles.length > 0 ? 1 : 0;
}
