import { describe, expect, it } from "vitest";
import type { CorrelationResult } from "@/lib/correlation/correlate-issue";
import { formatSuspectedCause } from "@/lib/correlation/format-suspected-cause";

const SHA = "abc1234def5678abc1234def5678abc1234def56";

const result: Pick<CorrelationResult, "commits" | "suspects" | "deployments" | "recentlyModifiedStackFiles"> = {
  commits: [
    {
      sha: SHA,
      htmlUrl: `https://github.com/acme/app/commit/${SHA}`,
      message: "fix: update user handler\n\nLonger body that must not appear.",
      authorName: "John Doe",
      authoredAt: "2024-12-13T10:30:00Z",
      committedAt: "2024-12-13T10:31:00Z",
      files: [{ filename: "apps/my-app/lib/userHandler.ts" }],
    },
  ],
  suspects: [
    {
      sha: SHA,
      score: 52.5,
      reasons: [
        "crash frame apps/my-app/lib/userHandler.ts:42 (getUser): changed that line",
        "shipped in the production deployment of abc1234, the last before the error first appeared",
      ],
      matchedFiles: ["apps/my-app/lib/userHandler.ts"],
      lineEvidence: true,
      inLastDeployment: true,
    },
  ],
  deployments: [
    { id: 7, environment: "production", sha: SHA, ref: "main", deployedAt: "2024-12-13T11:00:00Z", state: "success" },
  ],
  recentlyModifiedStackFiles: ["apps/my-app/lib/userHandler.ts"],
};

describe("formatSuspectedCause", () => {
  it("renders the seed layout exactly, with deterministic timestamps and a Why line", () => {
    expect(formatSuspectedCause(result)).toBe(
      [
        "## Suspected Cause",
        "",
        "### Recent Commits",
        "",
        "These commits were made shortly before the error first appeared:",
        "",
        `- [\`abc1234\`](https://github.com/acme/app/commit/${SHA}) - fix: update user handler`,
        "  - **Author:** John Doe",
        "  - **Date:** 2024-12-13 10:30:00 UTC",
        "  - **Files:** apps/my-app/lib/userHandler.ts",
        "  - **Why:** crash frame apps/my-app/lib/userHandler.ts:42 (getUser): changed that line; shipped in the production deployment of abc1234, the last before the error first appeared",
        "",
        "### Recent Deployments",
        "",
        "- **production** - `abc1234` (main) at 2024-12-13 11:00:00 UTC",
        "",
        "### Files in Stack Trace Modified Recently",
        "",
        "- `apps/my-app/lib/userHandler.ts`",
      ].join("\n"),
    );
  });

  it("leaves out missing lines and empty sub-sections, never printing undefined or null", () => {
    const sparse = formatSuspectedCause({
      commits: [{ sha: SHA, message: "", files: [] }],
      suspects: [],
      deployments: [{ id: 1, sha: SHA, deployedAt: "not a date" }],
      recentlyModifiedStackFiles: [],
    });
    expect(sparse).toBe(
      [
        "## Suspected Cause",
        "",
        "### Recent Commits",
        "",
        "These commits were made shortly before the error first appeared:",
        "",
        "- `abc1234` - (no message)",
        "",
        "### Recent Deployments",
        "",
        "- **deployment** - `abc1234`",
      ].join("\n"),
    );
    expect(sparse).not.toMatch(/undefined|null|NaN/);
    expect(
      formatSuspectedCause({ commits: [], suspects: [], deployments: [], recentlyModifiedStackFiles: [] }),
    ).toBeUndefined();
  });

  it("escapes untrusted text and refuses non-http links", () => {
    const text = formatSuspectedCause({
      commits: [
        {
          sha: SHA,
          htmlUrl: "javascript:alert(1)",
          message: "feat: *bold* [x](javascript:alert(1)) <img src=x>",
          authorName: "Eve_`evil`",
          authoredAt: "2024-12-13T10:30:00Z",
          files: [],
        },
      ],
      suspects: [],
      deployments: [{ id: 1, environment: "prod*", sha: SHA, ref: "feature/[x]", deployedAt: "2024-12-13T11:00:00Z" }],
      recentlyModifiedStackFiles: ["src/a`b.ts"],
    })!;
    expect(text).toContain("- `abc1234` - feat: \\*bold\\* \\[x\\](javascript:alert(1)) \\<img src=x\\>");
    expect(text).toContain("  - **Author:** Eve\\_\\`evil\\`");
    expect(text).toContain("- **prod\\*** - `abc1234` (feature/\\[x\\]) at 2024-12-13 11:00:00 UTC");
    expect(text).toContain("- `` src/a`b.ts ``");
    expect(text).not.toContain("`](javascript");
  });

  it("keeps a link from closing early and lists at most five commits", () => {
    const many = Array.from({ length: 8 }, (_, i) => ({
      sha: `${i}`.repeat(40),
      htmlUrl: `https://github.com/a/b/commit/${i}?q=(x)`,
      message: `c${i}`,
      files: [],
    }));
    const text = formatSuspectedCause({
      commits: many,
      suspects: [],
      deployments: [],
      recentlyModifiedStackFiles: [],
    })!;
    expect(text).toContain("- [`0000000`](https://github.com/a/b/commit/0?q=%28x%29) - c0");
    expect(
      formatSuspectedCause({
        commits: [{ ...many[0]!, htmlUrl: "https://github.com/a b" }],
        suspects: [],
        deployments: [],
        recentlyModifiedStackFiles: [],
      }),
    ).toContain("(https://github.com/a%20b)");
    expect(text.match(/^- \[/gm)).toHaveLength(5);
  });
});
