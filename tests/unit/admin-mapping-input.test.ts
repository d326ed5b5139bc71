// The admin API's input schemas and webhook URLs, without a database.
import { describe, expect, it } from "vitest";
import { createJiraConnectionSchema } from "@/lib/admin/jira-connections";
import { createMappingSchema, updateMappingSchema, webhookCredentials } from "@/lib/admin/mappings";
import { createProjectSchema } from "@/lib/admin/projects";
import { InvalidInputError, parseInput } from "@/lib/validation";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.publicMessage;
    throw error;
  }
  throw new Error("expected InvalidInputError");
}

describe("mapping input", () => {
  const valid = { source: "sentry", externalProject: "web-app", projectKey: "WEB" };

  it("trims strings and leaves absent settings undefined (database defaults)", () => {
    const input = parseInput(createMappingSchema, {
      ...valid,
      externalProject: " web-app ",
      jiraLabels: [" a "],
      githubPathPrefix: "",
    });
    expect(input).toEqual({ ...valid, jiraLabels: ["a"], githubPathPrefix: null });
  });

  it("names the field and says what is wrong", () => {
    expect(messageOf(() => parseInput(createMappingSchema, { ...valid, jiraLabels: ["a b"] }))).toBe(
      'jiraLabels.0: Jira labels cannot contain spaces or other whitespace (Jira refuses them): "a b"',
    );
    expect(messageOf(() => parseInput(createMappingSchema, { ...valid, jiraTicketsPerHour: 5000 }))).toBe(
      "jiraTicketsPerHour: must be between 1 and 1000",
    );
    expect(messageOf(() => parseInput(createMappingSchema, {}))).toBe(
      'source: must be one of "sentry", "glitchtip", "generic"; externalProject: is required; projectKey: is required',
    );
    expect(messageOf(() => parseInput(updateMappingSchema, { jiraPriorities: { P1: "Highest", urgent: "x" } }))).toBe(
      "jiraPriorities: keys must be P1, P2, P3 or P4 (not urgent)",
    );
  });

  it("accepts an empty update", () => {
    expect(parseInput(updateMappingSchema, {})).toEqual({});
  });
});

describe("other inputs", () => {
  it("project keys are 2-10 upper-case letters/digits", () => {
    expect(parseInput(createProjectSchema, { key: "WEB2", name: "Web" })).toEqual({ key: "WEB2", name: "Web" });
    for (const key of ["W", "2WEB", "web", "WEB_APP", "ABCDEFGHIJK"]) {
      expect(() => parseInput(createProjectSchema, { key, name: "x" }), key).toThrow(InvalidInputError);
    }
  });

  it("a Jira connection's base URL loses its trailing slashes", () => {
    const input = parseInput(createJiraConnectionSchema, {
      name: "a",
      baseUrl: "https://acme.atlassian.net//",
      token: " t ",
    });
    expect(input).toMatchObject({ baseUrl: "https://acme.atlassian.net", token: "t" });
  });
});

describe("webhookCredentials", () => {
  it("builds the GlitchTip URL and the bridge URL", () => {
    expect(webhookCredentials("https://tracker.example/", { id: "m1", jiraProjectKey: "OPS" }, "tok")).toEqual({
      token: "tok",
      url: "https://tracker.example/api/glitchtip/webhook/m1?token=tok",
      bridgeUrl: "https://tracker.example/api/v1/alert/OPS?token=tok",
    });
    expect(
      webhookCredentials("https://tracker.example", { id: "m1", jiraProjectKey: null }, "tok").bridgeUrl,
    ).toBeNull();
  });
});
