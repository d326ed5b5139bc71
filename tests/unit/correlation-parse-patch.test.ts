import { describe, expect, it } from "vitest";
import { parsePatch } from "@/lib/correlation/parse-patch";
import { isCosmetic, traceLine } from "@/lib/correlation/trace-line";
import { diffLines } from "../support/generate-history";

// Shaped like GitHub's files[].patch: hunk headers with section text, no file headers.
const PATCH = [
  "@@ -10,6 +10,6 @@ export function loadUser(id: string) {",
  " export function loadUser(id: string) {",
  "   const db = getDb();",
  "-  const user = db.users.find(id);",
  "-  if (!user) return null;",
  "+  const user = db.users.find(id)!;",
  "+  audit(user.id);",
  "   return user.profile.name;",
  " }",
  "@@ -40,4 +40,5 @@ function b() {",
  " function b() {",
  "   one();",
  "+  two();",
  "   three();",
  " }",
  "\\ No newline at end of file",
].join("\n");

describe("parsePatch", () => {
  it("reads hunk headers and the changed new-file line ranges", () => {
    const hunks = parsePatch(PATCH);
    expect(
      hunks.map(({ oldStart, oldLines, newStart, newLines, changed }) => ({
        oldStart,
        oldLines,
        newStart,
        newLines,
        changed,
      })),
    ).toEqual([
      { oldStart: 10, oldLines: 6, newStart: 10, newLines: 6, changed: [{ start: 12, end: 13 }] },
      { oldStart: 40, oldLines: 4, newStart: 40, newLines: 5, changed: [{ start: 42, end: 42 }] },
    ]);
    expect(hunks[1]!.lines).toHaveLength(5);
  });

  it("handles omitted counts, CRLF, an empty context line without its space, and no patch", () => {
    expect(parsePatch("@@ -3 +3 @@\r\n-a\r\n+b")[0]).toMatchObject({
      oldLines: 1,
      newLines: 1,
      changed: [{ start: 3, end: 3 }],
    });
    const stripped = parsePatch("@@ -1,3 +1,3 @@\n a\n\n-b\n+c");
    expect(stripped[0]!.lines.map((line) => line.op).join("")).toBe("  -+");
    expect(stripped[0]!.changed).toEqual([{ start: 3, end: 3 }]);
    expect(parsePatch(undefined)).toEqual([]);
    expect(parsePatch("Binary files differ")).toEqual([]);
  });
});

describe("traceLine", () => {
  const hunks = parsePatch(PATCH);

  it("says whether the commit rewrote, added or kept a line, and where it was before", () => {
    expect(traceLine(hunks, 12)).toMatchObject({ kind: "rewritten", oldLine: 12, cosmetic: false });
    expect(traceLine(hunks, 13)).toMatchObject({ kind: "rewritten", oldLine: 13 });
    expect(traceLine(hunks, 42)).toMatchObject({ kind: "added", oldLine: 42 });
    expect(traceLine(hunks, 14)).toMatchObject({ kind: "unchanged", oldLine: 14, inHunk: true, distance: 1 });
    expect(traceLine(hunks, 10)).toMatchObject({ kind: "unchanged", oldLine: 10, inHunk: true, distance: 2 });
    expect(traceLine(hunks, 30)).toMatchObject({ kind: "unchanged", oldLine: 30, inHunk: false });
    expect(traceLine(hunks, 43)).toMatchObject({ kind: "unchanged", oldLine: 42, inHunk: true, distance: 1 });
    expect(traceLine(hunks, 100)).toMatchObject({ kind: "unchanged", oldLine: 99, inHunk: false, distance: 58 });
  });

  it("puts both neighbours of removed lines at distance 1", () => {
    const removal = parsePatch("@@ -5,7 +5,6 @@\n a\n b\n c\n-guard\n d\n e\n f");
    expect(traceLine(removal, 7)).toMatchObject({ kind: "unchanged", oldLine: 7, distance: 1 });
    expect(traceLine(removal, 8)).toMatchObject({ kind: "unchanged", oldLine: 9, distance: 1 });
    expect(traceLine(removal, 10)).toMatchObject({ kind: "unchanged", oldLine: 11, distance: 3 });
  });

  it("recognises formatting-only changes and ignores them for distance", () => {
    const format = parsePatch("@@ -1,3 +1,3 @@\n a\n-  foo(a,b);\n+    foo( a, b );\n c");
    expect(isCosmetic(format[0]!)).toBe(true);
    expect(traceLine(format, 2)).toMatchObject({ kind: "rewritten", oldLine: 2, cosmetic: true });
    expect(traceLine(format, 3)).toMatchObject({
      kind: "unchanged",
      inHunk: false,
      distance: Number.POSITIVE_INFINITY,
    });
  });

  it("follows every kept line of random edits back to its old position", () => {
    let counter = 0;
    const fresh = (): string => `line ${++counter}`;
    for (let round = 0; round < 200; round += 1) {
      const before = Array.from({ length: 40 + (round % 30) }, fresh);
      const after = [...before];
      for (let edit = 0; edit < 1 + (round % 4); edit += 1) {
        const at = (round * 7 + edit * 13) % (after.length - 3);
        after.splice(at, (round + edit) % 4, ...Array.from({ length: (round * 3 + edit) % 5 }, fresh));
      }
      const patched = parsePatch(diffLines(before, after));
      after.forEach((line, index) => {
        const trace = traceLine(patched, index + 1);
        const oldIndex = before.indexOf(line);
        if (oldIndex >= 0)
          expect(trace, `round ${round}, line ${index + 1}`).toMatchObject({
            kind: "unchanged",
            oldLine: oldIndex + 1,
          });
        else expect(["added", "rewritten"]).toContain(trace.kind);
      });
    }
  });
});
