import { describe, expect, it } from "vitest";
import { jqlString, ticketsByLabelJql } from "@/lib/integrations/jira/jql";
import { parseJql } from "../support/fake-jira-jql";

describe("jqlString", () => {
  it.each([
    ["OPS", '"OPS"'],
    ["tracker-abc", '"tracker-abc"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["C:\\temp", '"C:\\\\temp"'],
    ['\\"', '"\\\\\\""'],
    ["a\nb", '"a\\nb"'],
    ["'single'", "\"'single'\""],
    ["", '""'],
    ["ü 日本", '"ü 日本"'],
  ])("%j → %s", (value, literal) => expect(jqlString(value)).toBe(literal));

  it.each([
    ["plain"],
    ['"); DROP'],
    ['" OR project = "X'],
    ["back\\slash\\"],
    ['\\" OR labels = "x'],
    ["tab\tand\r\n"],
  ])("%j cannot escape its literal", (value) => {
    const jql = `project = "OPS" AND labels = ${jqlString(value)}`;
    const parsed = parseJql(jql);
    expect(parsed).toEqual({
      clauses: [
        { field: "project", value: "OPS" },
        { field: "labels", value },
      ],
      orderBy: { field: "created", descending: true },
    });
  });
});

describe("ticketsByLabelJql", () => {
  it("is bounded by project and ordered oldest first", () => {
    expect(ticketsByLabelJql("OPS", "tracker-abc")).toBe(
      'project = "OPS" AND labels = "tracker-abc" ORDER BY created ASC',
    );
  });
});
