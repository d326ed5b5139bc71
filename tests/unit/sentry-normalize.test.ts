import { describe, expect, it } from "vitest";
import { buildSentryDescription } from "@/lib/sources/sentry/build-description";
import { mapSentryPriority, normalizeSentryIssue } from "@/lib/sources/sentry/normalize";
import { sentryIssueSchema } from "@/lib/sources/sentry/schema";
import { DOCS_FIXTURE_METADATA, readOwnSentryFixture, readSentryFixture } from "../support/sentry";

function issueFrom(buffer: Buffer) {
  return sentryIssueSchema.parse(JSON.parse(buffer.toString("utf8")).data.issue);
}

const sharedIssueFixtures = ["issue_created.docs.json", "activity_alert_triggered.selfhosted_capture.json"];
const ownIssueFixtures = [
  "issue_created.current_shape.json",
  "issue_created.minimal_nulls.json",
  "issue_unresolved_regressed.json",
  "issue_unresolved_escalating.json",
  "issue_resolved.json",
  "issue_assigned.json",
  "issue_ignored.json",
];

describe("mapSentryPriority", () => {
  it.each([
    ["high", "P1"],
    ["medium", "P2"],
    ["low", "P4"],
    ["HIGH", "P1"],
    [null, "P3"],
    [undefined, "P3"],
    ["critical", "P3"],
    // Names Object.prototype has: found by the fuzz test as a 500.
    ["constructor", "P3"],
    ["toString", "P3"],
    ["__proto__", "P3"],
  ])("%s → %s", (priority, expected) => expect(mapSentryPriority(priority)).toBe(expected));
});

describe("normalizeSentryIssue from every fixture with an issue", () => {
  const all = [
    ...sharedIssueFixtures.map((name) => [name, readSentryFixture(name)] as const),
    ...ownIssueFixtures.map((name) => [name, readOwnSentryFixture(name)] as const),
  ];

  it.each(all)("%s: no undefined/null text, title prefixed with the project slug", (_name, buffer) => {
    const issue = issueFrom(buffer);
    const normalized = normalizeSentryIssue(issue);
    expect(normalized.title).toBe(`[${issue.project.slug}] ${issue.title}`);
    // Error messages may legitimately say "undefined"; a field's value never may.
    expect(normalized.description).not.toMatch(
      /\*\* `?(undefined|null|NaN)`?$|\(undefined\)|Invalid Date|\[object Object\]/m,
    );
    expect(normalized.description).not.toMatch(/^\s*$(?![\s\S])/);
    expect(normalized.labels).toEqual([{ name: "Sentry", color: "#362D59" }]);
    expect(normalized.externalId).toBe(String(issue.id));
  });

  it("docs sample (no web_url, no priority, null permalink): P3, no link line, seed sections", () => {
    const normalized = normalizeSentryIssue(issueFrom(readSentryFixture("issue_created.docs.json")));
    expect(normalized.priority).toBe("P3");
    expect(normalized.externalUrl).toBeNull();
    expect(normalized.metadata).toEqual(DOCS_FIXTURE_METADATA);
    expect(normalized.description).toBe(
      [
        "**This error is escalating - event frequency is increasing.**",
        "## Error\n\n**Type:** `ReferenceError`\n**Message:** blooopy is not defined",
        "## Location\n\n**File:** `/runner`\n**Culprit:** `?(runner)`",
        "## Impact\n\n- **Events:** 1\n- **Users affected:** 1\n- **First seen:** 2019-08-19 20:58:37 UTC\n- **Last seen:** 2019-08-19 20:58:37 UTC",
        "## Project\n\n- **Name:** front-end\n- **Platform:** javascript\n- **Level:** error",
        "## Links\n\n- Sentry ID: `FRONT-END-9`",
      ].join("\n\n"),
    );
  });

  it("current shape: non-ASCII title, +00:00 timestamps, numeric count, web_url link, P1", () => {
    const normalized = normalizeSentryIssue(issueFrom(readOwnSentryFixture("issue_created.current_shape.json")));
    expect(normalized.title).toBe(
      "[checkout] TypeError: Cannot read properties of undefined (reading 'prix') — Café «Übersicht» 注文",
    );
    expect(normalized.priority).toBe("P1");
    expect(normalized.externalUrl).toBe("https://acme.sentry.io/organizations/acme/issues/4711/");
    expect(normalized.description).toContain(
      "- [View in Sentry](<https://acme.sentry.io/organizations/acme/issues/4711/>)",
    );
    expect(normalized.description).toContain("- **First seen:** 2026-11-20 09:14:03 UTC");
    expect(normalized.description).toContain("- **Events:** 1\n");
    expect(normalized.description).toContain("- **Unhandled:** Yes");
    expect(normalized.description).not.toContain("regressed");
  });

  it("regressed: header, permalink preferred, string count, medium → P2", () => {
    const normalized = normalizeSentryIssue(issueFrom(readOwnSentryFixture("issue_unresolved_regressed.json")));
    expect(
      normalized.description.startsWith("**This error has regressed after being marked as resolved.**\n\n## Error"),
    ).toBe(true);
    expect(normalized.externalUrl).toBe("https://acme.sentry.io/organizations/acme/issues/4712/");
    expect(normalized.description).toContain("- **Events:** 1207\n- **Users affected:** 311");
    expect(normalized.priority).toBe("P2");
  });

  it("minimal payload: sections without data are left out entirely", () => {
    const normalized = normalizeSentryIssue(issueFrom(readOwnSentryFixture("issue_created.minimal_nulls.json")));
    expect(normalized.externalId).toBe("9001");
    expect(normalized.displayId).toBe("9001");
    expect(normalized.priority).toBe("P3");
    expect(normalized.description).toBe("## Impact\n\n- **Events:** 5");
  });

  it("markdown in Sentry text cannot inject structure or html", () => {
    const issue = issueFrom(readOwnSentryFixture("issue_created.current_shape.json"));
    const description = buildSentryDescription({
      ...issue,
      metadata: { type: "Error`", value: "<script>alert(1)</script> [x](javascript:alert(1))\n## Fake heading" },
      permalink: "javascript:alert(1)",
      web_url: null,
    });
    expect(description).toContain("**Type:** `` Error` ``");
    expect(description).toContain(
      "**Message:** \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) ## Fake heading",
    );
    expect(description).not.toContain("View in Sentry");
  });
});
