import { afterEach, describe, expect, it } from "vitest";
import { jiraSummary } from "@/lib/integrations/jira/client";
import {
  clearJiraProjectCache,
  getCachedProject,
  PROJECT_CACHE_TTL_MS,
  setCachedProject,
} from "@/lib/integrations/jira/project-cache";

describe("jiraSummary", () => {
  it("keeps a short one-line summary", () => expect(jiraSummary("[web] TypeError: x")).toBe("[web] TypeError: x"));

  it("folds line breaks, which Jira refuses in a summary", () => expect(jiraSummary(" a\nb\r\n\tc ")).toBe("a b c"));

  it("truncates to 255 with an ellipsis", () => {
    const summary = jiraSummary("x".repeat(300));
    expect(summary).toHaveLength(255);
    expect(summary.endsWith("x…")).toBe(true);
    expect(jiraSummary("y".repeat(255))).toBe("y".repeat(255));
  });

  it("never cuts an astral character in half", () => {
    const summary = jiraSummary("🚀".repeat(200));
    expect(summary.length).toBeLessThanOrEqual(255);
    expect(summary).toBe(`${"🚀".repeat(127)}…`);
    expect(summary.isWellFormed()).toBe(true);
  });
});

describe("project cache", () => {
  afterEach(() => clearJiraProjectCache());
  const project = { key: "OPS", name: "Operations", issueTypes: ["Bug"], components: [] };

  it("keeps a project for five minutes", () => {
    setCachedProject("cloud https://a OPS", project, 1_000);
    expect(getCachedProject("cloud https://a OPS", 1_000 + PROJECT_CACHE_TTL_MS - 1)).toEqual(project);
    expect(getCachedProject("cloud https://b OPS", 1_000)).toBeUndefined();
    expect(getCachedProject("cloud https://a OPS", 1_000 + PROJECT_CACHE_TTL_MS)).toBeUndefined();
  });
});
