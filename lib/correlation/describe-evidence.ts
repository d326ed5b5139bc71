// The human-readable reason a frame gives a commit credit: which frame, which file, which line.
// Plain text; the formatter escapes it for markdown.
import type { LineEvidence } from "./find-line-evidence";

/** The frame as scoring sees it (score-commits.ts's ScoreFrame), declared here so neither file imports the other. */
type ScoreFrame = { path: string; lineno?: number; function?: string };

function where(frame: ScoreFrame, distance: number): string {
  const place = `${frame.path}${frame.lineno ? `:${frame.lineno}` : ""}${frame.function ? ` (${frame.function})` : ""}`;
  return distance === 0 ? `crash frame ${place}` : `frame ${distance} above the crash, ${place}`;
}

function what(frame: ScoreFrame, evidence: LineEvidence): string {
  // The commit may have seen the line elsewhere: later commits moved it.
  const at = evidence.line;
  const moved =
    at !== undefined && frame.lineno !== undefined && at !== frame.lineno ? ` (line ${at} in this commit)` : "";
  switch (evidence.level) {
    case "line":
      return `changed that line${moved}`;
    case "adjacent":
      return `changed or removed code right next to that line${moved}`;
    case "hunk":
      return evidence.hunk
        ? `its hunk (lines ${evidence.hunk.start}-${evidence.hunk.end}) covers that line${moved}`
        : `its change covers that line${moved}`;
    case "near":
      return evidence.cosmetic ? `only re-formatted that line${moved}` : `changed lines within 10 of that line${moved}`;
    case "file":
      if (evidence.cosmetic) return `only re-formatted ${evidence.filename}`;
      return frame.lineno ? `changed ${evidence.filename}, away from that line` : `changed ${evidence.filename}`;
  }
}

export function describeEvidence(frame: ScoreFrame, distance: number, evidence: LineEvidence): string {
  return `${where(frame, distance)}: ${what(frame, evidence)}`;
}
