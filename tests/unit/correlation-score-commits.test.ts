import { describe, expect, it } from "vitest";
import { type ScoreFrame, scoreCommits } from "@/lib/correlation/score-commits";
import { scoreSentryBaseline } from "@/lib/correlation/sentry-baseline-score";
import { diffLines } from "../support/generate-history";

const file = (length: number, tag: string): string[] => Array.from({ length }, (_, i) => `  line(${tag}, ${i + 1});`);
const replaceAt = (lines: string[], line: number, text: string): string[] =>
  lines.map((l, i) => (i === line - 1 ? text : l));
const touch = (filename: string, before: string[], after: string[]) => ({ filename, patch: diffLines(before, after) });

const crash: ScoreFrame = { path: "src/lib/user.ts", lineno: 50, function: "loadUser" };
const caller: ScoreFrame = { path: "src/api/route.ts", lineno: 12, function: "GET" };

describe("scoreCommits", () => {
  it("ranks the commit whose hunk covers the crash line far above ones that touched the file elsewhere", () => {
    const v0 = file(120, "u");
    const v1 = replaceAt(v0, 50, "  const name = user!.name;"); // culprit
    const v2 = replaceAt(v1, 100, "  log('x');"); // newer, unrelated line
    const suspects = scoreCommits({
      frames: [caller, crash],
      commits: [
        { sha: "newer000", files: [touch("src/lib/user.ts", v1, v2)] },
        { sha: "culprit0", files: [touch("src/lib/user.ts", v0, v1)] },
      ],
    });
    expect(suspects.map((s) => s.sha)).toEqual(["culprit0", "newer000"]);
    expect(suspects[0]).toMatchObject({
      lineEvidence: true,
      matchedFiles: ["src/lib/user.ts"],
      inLastDeployment: false,
    });
    expect(suspects[0]!.score).toBeGreaterThan(10 * suspects[1]!.score);
    expect(suspects[0]!.reasons[0]).toBe("crash frame src/lib/user.ts:50 (loadUser): changed that line");
    expect(suspects[1]).toMatchObject({ lineEvidence: false });
    expect(suspects[1]!.reasons[0]).toBe(
      "crash frame src/lib/user.ts:50 (loadUser): changed src/lib/user.ts, away from that line",
    );
  });

  it("follows the crash line back through newer commits that shifted it", () => {
    const v0 = file(120, "u");
    const v1 = replaceAt(v0, 40, "  const name = user!.name;"); // culprit at line 40 of its version
    const v2 = [...file(10, "header"), ...v1]; // ten lines inserted on top: the crash is now at 50
    const decoy = replaceAt(v0, 50, "  decoy();"); // an older commit that changed the old line 50
    const suspects = scoreCommits({
      frames: [crash],
      commits: [
        { sha: "shift000", files: [touch("src/lib/user.ts", v1, v2)] },
        { sha: "culprit0", files: [touch("src/lib/user.ts", v0, v1)] },
        { sha: "decoy000", files: [touch("src/lib/user.ts", file(120, "u"), decoy)] },
      ],
    });
    expect(suspects[0]).toMatchObject({ sha: "culprit0", lineEvidence: true });
    expect(suspects[0]!.reasons[0]).toContain("changed that line (line 40 in this commit)");
    expect(suspects.find((s) => s.sha === "decoy000")?.lineEvidence).toBe(false);
  });

  it("never matches on the file name alone, and lets the longest path match decide", () => {
    const v0 = file(60, "x");
    const v1 = replaceAt(v0, 50, "  changed();");
    const suspects = scoreCommits({
      frames: [{ path: "src/api/index.ts", lineno: 50 }],
      commits: [
        { sha: "samename", files: [touch("lib/other/index.ts", v0, v1)] },
        { sha: "shorter0", files: [touch("packages/api/index.ts", v0, v1)] },
        { sha: "exact000", files: [touch("src/api/index.ts", v0, v1)] },
      ],
    });
    expect(suspects.map((s) => s.sha)).toEqual(["exact000"]);
    const bare = scoreCommits({
      frames: [{ path: "main.js" }],
      commits: [
        { sha: "root0000", files: [{ filename: "main.js" }] },
        { sha: "deep0000", files: [{ filename: "src/main.js" }] },
      ],
    });
    expect(bare.map((s) => s.sha)).toEqual(["root0000"]);
  });

  it("weights frames by their distance from the crash", () => {
    const suspects = scoreCommits({
      frames: [caller, crash],
      commits: [
        { sha: "callerfile", files: [{ filename: "src/api/route.ts" }] },
        { sha: "crashfile0", files: [{ filename: "src/lib/user.ts" }] },
      ],
    });
    expect(suspects.map((s) => s.sha)).toEqual(["crashfile0", "callerfile"]);
    expect(suspects[1]!.reasons[0]).toBe(
      "frame 1 above the crash, src/api/route.ts:12 (GET): changed src/api/route.ts, away from that line",
    );
  });

  it("ranks up what shipped in the running deployment and far down what was not live yet", () => {
    const v0 = file(120, "u");
    const v1 = replaceAt(v0, 50, "  shipped();");
    const v2 = replaceAt(v1, 50, "  later();");
    const suspects = scoreCommits({
      frames: [crash],
      commits: [
        { sha: "notlive0", files: [touch("src/lib/user.ts", v1, v2)] },
        { sha: "shipped0", files: [touch("src/lib/user.ts", v0, v1)] },
        { sha: "older000", files: [{ filename: "src/lib/user.ts" }] },
      ],
      deployment: { headSha: "shipped0", shipped: new Set(["shipped0"]), label: "production deployment of shipped" },
    });
    expect(suspects.map((s) => [s.sha, s.inLastDeployment])).toEqual([
      ["shipped0", true],
      ["older000", false],
      ["notlive0", false],
    ]);
    expect(suspects[0]!.reasons).toContain(
      "shipped in the production deployment of shipped, the last before the error first appeared",
    );
    expect(suspects[2]!.reasons).toContain(
      "committed after the production deployment of shipped, so it was not live when the error first appeared",
    );
  });

  it("follows renames and discounts formatting passes", () => {
    const v0 = file(80, "r");
    const v1 = replaceAt(v0, 50, "  boom();");
    const formatted = v1.map((line, i) => (i % 5 === 0 ? `    ${line.trim()}` : line));
    const suspects = scoreCommits({
      frames: [crash],
      commits: [
        { sha: "format00", files: [touch("src/lib/user.ts", v1, formatted)] },
        {
          sha: "rename00",
          files: [{ filename: "src/lib/user.ts", previousFilename: "src/lib/account.ts", additions: 0, deletions: 0 }],
        },
        { sha: "culprit0", files: [touch("src/lib/account.ts", v0, v1)] },
      ],
    });
    expect(suspects.map((s) => s.sha)).toEqual(["culprit0", "rename00", "format00"]);
    expect(suspects[0]!.reasons[0]).toBe("crash frame src/lib/user.ts:50 (loadUser): changed that line");
    expect(suspects.find((s) => s.sha === "format00")!.reasons[0]).toBe(
      "crash frame src/lib/user.ts:50 (loadUser): only re-formatted src/lib/user.ts",
    );
  });

  it("returns nothing without frames or commits, and never prints undefined", () => {
    expect(scoreCommits({ frames: [], commits: [{ sha: "a", files: [{ filename: "x/y.ts" }] }] })).toEqual([]);
    const suspects = scoreCommits({
      frames: [{ path: "x/y.ts" }],
      commits: [{ sha: "a", files: [{ filename: "x/y.ts" }] }],
    });
    expect(suspects[0]!.reasons).toEqual(["crash frame x/y.ts: changed x/y.ts"]);
    expect(JSON.stringify(suspects)).not.toMatch(/undefined|null/);
  });
});

describe("scoreSentryBaseline", () => {
  it("hands out 5,4,3,2,1 over matches nearest the crash and drops commits under 2", () => {
    const frames = ["a/one.ts", "a/two.ts", "a/three.ts"].map((path) => ({ path }));
    const commits = [
      { sha: "c1", files: [{ filename: "src/a/three.ts" }] },
      { sha: "c2", files: [{ filename: "src/a/three.ts" }, { filename: "src/a/two.ts" }] },
      { sha: "c3", files: [{ filename: "src/a/one.ts" }] },
      { sha: "c4", files: [{ filename: "b/three.ts" }] }, // basename only: no match
    ];
    // crash frame a/three.ts: c1 5, c2 4; a/two.ts: c2 3; a/one.ts: c3 2.
    expect(scoreSentryBaseline({ frames, commits })).toEqual([
      { sha: "c2", score: 7 },
      { sha: "c1", score: 5 },
      { sha: "c3", score: 2 },
    ]);
  });

  it("counts a one-segment match only for a repository file without directories", () => {
    expect(
      scoreSentryBaseline({ frames: [{ path: "main.js" }], commits: [{ sha: "x", files: [{ filename: "main.js" }] }] }),
    ).toEqual([{ sha: "x", score: 5 }]);
    expect(
      scoreSentryBaseline({
        frames: [{ path: "main.js" }],
        commits: [{ sha: "x", files: [{ filename: "src/main.js" }] }],
      }),
    ).toEqual([]);
  });
});
