// Carries a line number across one commit's change to a file: given the line in the file as the
// commit left it, where was it before the commit, and did the commit touch it? Walking this back
// through newer commits keeps a crash line pointing at the same code even after later commits
// shifted it, which is what lets an older commit's hunk be compared with the crash line.
import type { PatchHunk } from "./parse-patch";

export type LineTrace =
  /** The commit left the line as it was; `distance` counts lines to its nearest change. */
  | { kind: "unchanged"; oldLine: number; inHunk: boolean; distance: number; hunk?: PatchHunk }
  /** The commit replaced the line; `cosmetic` when only whitespace differs. */
  | { kind: "rewritten"; oldLine: number; cosmetic: boolean; hunk: PatchHunk }
  /** The commit introduced the line; `oldLine` is where it was inserted. */
  | { kind: "added"; oldLine: number; hunk: PatchHunk };

const squash = (lines: string[]): string => lines.join("").replace(/\s+/g, "");

/** A hunk whose removed and added text differ only in whitespace: a formatter's work. */
export function isCosmetic(hunk: PatchHunk): boolean {
  const text = (op: "+" | "-"): string => squash(hunk.lines.filter((line) => line.op === op).map((line) => line.text));
  return text("-") === text("+");
}

// Distance from `line` to the nearest added line or removal point, in new-file numbering; a
// removal between new lines k-1 and k sits at k - 0.5, so both neighbours are at distance 1.
// Formatting-only hunks do not count: re-indenting a neighbour cannot break a line.
function distanceToChange(hunks: PatchHunk[], line: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const hunk of hunks) {
    if (isCosmetic(hunk)) continue;
    let newLine = hunk.newStart;
    for (const entry of hunk.lines) {
      if (entry.op === "+") best = Math.min(best, Math.abs(line - newLine));
      if (entry.op === "-") best = Math.min(best, Math.abs(line - (newLine - 0.5)) + 0.5);
      if (entry.op !== "-") newLine += 1;
    }
  }
  return best;
}

function traceInHunk(hunk: PatchHunk, line: number): LineTrace | undefined {
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  let removed: string[] = [];
  let removedStart = oldLine;
  for (let index = 0; index < hunk.lines.length; index += 1) {
    const entry = hunk.lines[index]!;
    if (entry.op === "-") {
      if (removed.length === 0) removedStart = oldLine;
      removed.push(entry.text);
      oldLine += 1;
      continue;
    }
    if (entry.op === "+") {
      // The run of "+" lines right after a run of "-" lines replaces it.
      let end = index;
      while (hunk.lines[end + 1]?.op === "+") end += 1;
      const added = hunk.lines.slice(index, end + 1).map((next) => next.text);
      if (line >= newLine && line < newLine + added.length) {
        const offset = line - newLine;
        if (removed.length === 0) return { kind: "added", oldLine, hunk };
        const cosmetic = squash(removed) === squash(added);
        return { kind: "rewritten", oldLine: removedStart + Math.min(offset, removed.length - 1), cosmetic, hunk };
      }
      newLine += added.length;
      index = end;
      removed = [];
      continue;
    }
    if (newLine === line) return { kind: "unchanged", oldLine, inHunk: true, distance: 0, hunk };
    oldLine += 1;
    newLine += 1;
    removed = [];
  }
  return undefined;
}

// First line after the hunk on each side; a zero-length side names the line *before* it.
const endOf = (start: number, count: number): number => (count === 0 ? start + 1 : start + count);

export function traceLine(hunks: PatchHunk[], line: number): LineTrace {
  let oldLine = line;
  for (const hunk of hunks) {
    const newEnd = endOf(hunk.newStart, hunk.newLines);
    if (hunk.newLines > 0 && line >= hunk.newStart && line < newEnd) {
      const traced = traceInHunk(hunk, line);
      if (traced?.kind === "unchanged")
        return { ...traced, inHunk: !isCosmetic(hunk), distance: distanceToChange(hunks, line) };
      if (traced) return traced;
    }
    // Past this hunk, new and old numbering differ by a fixed offset that the header states.
    if (line >= newEnd) oldLine = line - newEnd + endOf(hunk.oldStart, hunk.oldLines);
  }
  return { kind: "unchanged", oldLine, inHunk: false, distance: distanceToChange(hunks, line) };
}
