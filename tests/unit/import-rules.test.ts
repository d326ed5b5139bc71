// The import graph of lib/ and app/ keeps its direction and has no cycle (scripts/check-imports.ts
// states the rules): routes and lib/http → lib/ingest → sources, lifecycle, jira-sync, the jobs'
// enqueue API → API clients, never back.
import { describe, expect, it } from "vitest";
import { importCycles, importGraph, ruleViolations } from "../../scripts/check-imports";

describe("import rules", () => {
  const graph = importGraph();

  it("reads the whole tree", () => {
    expect(graph.edges.size).toBeGreaterThan(150);
    expect(graph.edges.get("lib/ingest/ingest-delivery.ts")).toContain("lib/ingest/delivery-store.ts");
  });

  it("has no import that points the wrong way", () => {
    expect(ruleViolations(graph)).toEqual([]);
  });

  it("has no import cycle, type-only imports included", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("would catch a wrong-way import and a cycle", () => {
    const edges = new Map(graph.edges);
    edges.set("lib/integrations/sentry/fetch-latest-event.ts", ["lib/jobs/handlers/index.ts"]);
    edges.set("lib/sources/types.ts", [...(edges.get("lib/sources/types.ts") ?? []), "lib/ingest/ingest-delivery.ts"]);
    const tampered = { edges, packages: graph.packages };
    const found = ruleViolations(tampered);
    expect(
      found.filter((line) =>
        line.startsWith("lib/integrations/sentry/fetch-latest-event.ts → lib/jobs/handlers/index.ts:"),
      ),
    ).toHaveLength(2); // client, and handler rule
    expect(
      found.filter((line) => line.startsWith("lib/sources/types.ts → lib/ingest/ingest-delivery.ts:")),
    ).toHaveLength(1);
    expect(found).toHaveLength(3);
    expect(
      importCycles(tampered).some(
        (cycle) => cycle.includes("lib/sources/types.ts") && cycle.includes("lib/ingest/ingest-delivery.ts"),
      ),
    ).toBe(true);
  });
});
