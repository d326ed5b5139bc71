// Sentry's "suspect commits" heuristic (getsentry/sentry utils/committers.py), kept only to measure
// our ranking against it: frames' paths matched to changed files by equal trailing segments
// (case-insensitive), only the longest match per frame counts, a one-segment match counts only
// for a repository file without directories; the five matches nearest the crash earn 5,4,3,2,1
// points; commits under 2 points are dropped. It knows nothing of lines or deployments.
import type { EvidenceCommit } from "./find-line-evidence";
import { matchPathSuffix } from "./match-path-suffix";
import type { ScoreFrame } from "./score-commits";

export interface BaselineSuspect {
  sha: string;
  score: number;
}

export function scoreSentryBaseline(input: { frames: ScoreFrame[]; commits: EvidenceCommit[] }): BaselineSuspect[] {
  const totals = new Map<string, number>();
  let points = 5;
  for (const frame of input.frames.slice(-25).reverse()) {
    if (points === 0) break;
    let best = 1;
    let matched: string[] = [];
    for (const commit of input.commits) {
      for (const file of commit.files) {
        const m = matchPathSuffix(frame.path, file.filename);
        if (m.shared > best) {
          best = m.shared;
          matched = [];
        }
        if (m.shared !== best || (m.shared === 1 && m.fileSegments > 1)) continue;
        if (!matched.includes(commit.sha)) matched.push(commit.sha);
      }
    }
    for (const sha of matched) {
      totals.set(sha, (totals.get(sha) ?? 0) + points);
      points -= 1;
      if (points === 0) break;
    }
  }
  return input.commits
    .filter((commit) => (totals.get(commit.sha) ?? 0) >= 2)
    .map((commit) => ({ sha: commit.sha, score: totals.get(commit.sha)! }))
    .sort((a, b) => b.score - a.score);
}
