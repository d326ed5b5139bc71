// Unified-diff hunks as GitHub returns them in `files[].patch` (hunk headers and lines only, no
// file headers). Line numbers on the "+" side are the new file's, which is what a crash line
// reported against the deployed code is compared with.
export interface LineRange {
  start: number;
  end: number;
}

export interface PatchLine {
  op: " " | "+" | "-";
  text: string;
}

export interface PatchHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: PatchLine[];
  /** New-file lines this hunk added or rewrote, as ranges. */
  changed: LineRange[];
}

const HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function changedRanges(hunk: Omit<PatchHunk, "changed">): LineRange[] {
  const ranges: LineRange[] = [];
  let newLine = hunk.newStart;
  for (const line of hunk.lines) {
    if (line.op === "-") continue;
    if (line.op === "+") {
      const last = ranges.at(-1);
      if (last && last.end === newLine - 1) last.end = newLine;
      else ranges.push({ start: newLine, end: newLine });
    }
    newLine += 1;
  }
  return ranges;
}

function complete(hunk: Omit<PatchHunk, "changed">): boolean {
  const oldSeen = hunk.lines.filter((line) => line.op !== "+").length;
  const newSeen = hunk.lines.filter((line) => line.op !== "-").length;
  return oldSeen >= hunk.oldLines && newSeen >= hunk.newLines;
}

export function parsePatch(patch: string | null | undefined): PatchHunk[] {
  const hunks: Omit<PatchHunk, "changed">[] = [];
  for (const raw of (patch ?? "").split(/\r?\n/)) {
    const header = HEADER.exec(raw);
    if (header) {
      hunks.push({
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        lines: [],
      });
      continue;
    }
    const hunk = hunks.at(-1);
    if (!hunk) continue;
    // Some tools strip the space of an empty context line; inside an unfinished hunk "" is one.
    const op = raw === "" && !complete(hunk) ? " " : raw[0];
    // "\ No newline at end of file" carries no line.
    if (op !== " " && op !== "+" && op !== "-") continue;
    hunk.lines.push({ op, text: raw.slice(1) });
  }
  return hunks.map((hunk) => ({ ...hunk, changed: changedRanges(hunk) }));
}
