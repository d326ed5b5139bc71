// For one stack frame, which commits changed its file and how close each change came to the
// frame's line. Commits are walked from the code that was running at first-seen back in time,
// carrying the line number through every newer change (see trace-line.ts), so each commit's hunks
// are compared with the line as that commit saw it.
import { type LineRange, parsePatch } from "./parse-patch";
import { isCosmetic, traceLine } from "./trace-line";

export type EvidenceLevel = "line" | "adjacent" | "hunk" | "near" | "file";

export interface TouchedFile {
  filename: string;
  previousFilename?: string;
  patch?: string;
  additions?: number;
  deletions?: number;
}

export interface EvidenceCommit {
  sha: string;
  files: TouchedFile[];
}

export interface LineEvidence {
  level: EvidenceLevel;
  filename: string;
  /** The frame's line in this commit's version of the file, when it could be followed. */
  line?: number;
  /** The changed hunk nearest the line, in the commit's new-file numbering. */
  hunk?: LineRange;
  /** Lines between the frame's line and the nearest real change, when the line itself was kept. */
  distance?: number;
  /** The change at the line, or every change to the file, only re-formatted code. */
  cosmetic?: boolean;
}

const NEAR_LINES = 10;

export function findLineEvidence(
  commits: EvidenceCommit[],
  isFrameFile: (filename: string) => boolean,
  lineno: number | undefined,
): Map<string, LineEvidence> {
  const evidence = new Map<string, LineEvidence>();
  const formerNames = new Set<string>();
  let line = lineno;
  // Once a newer commit rewrote the line, older commits saw different code there: their evidence
  // can no longer be "this exact line".
  let exact = true;
  for (const commit of commits) {
    const file = commit.files.find((entry) => isFrameFile(entry.filename) || formerNames.has(entry.filename));
    if (!file) continue;
    if (file.previousFilename) formerNames.add(file.previousFilename);
    const hunks = parsePatch(file.patch);
    if (line === undefined || hunks.length === 0) {
      // No line to follow, or no patch (binary, too large): the file was touched, nothing more.
      evidence.set(commit.sha, { level: "file", filename: file.filename });
      // A pure rename has no patch and no changed lines; anything else without a patch may have
      // moved the line by an unknown amount.
      const unchanged = file.additions === 0 && file.deletions === 0;
      if (file.patch === undefined && !unchanged) exact = false;
      continue;
    }
    const trace = traceLine(hunks, line);
    const hunk = trace.hunk && {
      start: trace.hunk.newStart,
      end: trace.hunk.newStart + Math.max(trace.hunk.newLines, 1) - 1,
    };
    let level: EvidenceLevel;
    if (trace.kind === "unchanged") {
      level = trace.distance <= 1 ? "adjacent" : trace.inHunk ? "hunk" : trace.distance <= NEAR_LINES ? "near" : "file";
    } else if (trace.kind === "rewritten" && trace.cosmetic) {
      level = "near";
    } else {
      level = "line";
    }
    if (!exact && (level === "line" || level === "adjacent")) level = "hunk";
    const cosmetic = (trace.kind === "rewritten" && trace.cosmetic) || hunks.every(isCosmetic);
    const distance = trace.kind === "unchanged" ? trace.distance : undefined;
    evidence.set(commit.sha, { level, filename: file.filename, line, hunk, cosmetic, distance });
    if (trace.kind === "added" || (trace.kind === "rewritten" && !trace.cosmetic)) exact = false;
    line = trace.oldLine;
  }
  return evidence;
}
