// Ranks candidate commits as suspects for one error. A commit earns credit per stack file it
// changed (path matched on trailing segments, never on the bare file name), weighted by how close
// the frame is to the crash, multiplied many times over when its hunk covers the frame's line;
// shipping in the deployment that was running at first-seen ranks it up, being committed after
// that deployment (so never live) ranks it far down.
import { describeEvidence } from "./describe-evidence";
import { type EvidenceCommit, type EvidenceLevel, findLineEvidence, type LineEvidence } from "./find-line-evidence";
import { matchPathSuffix, type PathSuffixMatch } from "./match-path-suffix";

export interface ScoreFrame {
  /** Repository-relative candidate path (see map-frame-path.ts). */
  path: string;
  lineno?: number;
  function?: string;
}

export interface DeploymentContext {
  /** Commit that was running at first-seen. */
  headSha: string;
  /** Commits that shipped in that deployment (since the previous one). */
  shipped: ReadonlySet<string>;
  /** Human-readable name for reasons, e.g. "production deployment of abc1234". */
  label: string;
}

export interface ScoreCommitsInput {
  /** Oldest first, crash frame last (Sentry's order). */
  frames: ScoreFrame[];
  /** Newest first, as GitHub lists them. */
  commits: EvidenceCommit[];
  deployment?: DeploymentContext;
  maxFrames?: number;
}

export interface Suspect {
  sha: string;
  score: number;
  reasons: string[];
  matchedFiles: string[];
  lineEvidence: boolean;
  inLastDeployment: boolean;
}

// Credit multipliers per evidence level: a hunk over the crash line outweighs any number of
// commits that merely touched the file.
const LEVEL_BONUS: Record<EvidenceLevel, number> = { line: 20, adjacent: 14, hunk: 8, near: 2, file: 0 };
// Inside a hunk, a change two lines from the crash line says more than one six lines away.
const levelBonus = (evidence: LineEvidence): number =>
  evidence.level === "hunk" && evidence.distance !== undefined && evidence.distance > 2
    ? LEVEL_BONUS.near + (LEVEL_BONUS.hunk - LEVEL_BONUS.near) * (2 / evidence.distance)
    : LEVEL_BONUS[evidence.level];
const SHIPPED_BOOST = 2.5;
const NOT_LIVE_PENALTY = 0.1;

// Sentry's rule, minus its bare-filename exception for multi-segment paths: two or more trailing
// segments, or the whole of both paths.
const qualifies = (m: PathSuffixMatch): boolean =>
  m.shared >= 2 || (m.shared > 0 && m.shared === m.frameSegments && m.shared === m.fileSegments);

const sameSha = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

export function scoreCommits(input: ScoreCommitsInput): Suspect[] {
  const { commits, deployment } = input;
  const headIndex = deployment ? commits.findIndex((commit) => sameSha(commit.sha, deployment.headSha)) : -1;
  // The frames' line numbers describe the running code, so tracing starts at its commit.
  const live = headIndex >= 0 ? commits.slice(headIndex) : commits;
  const notLive = new Set(headIndex >= 0 ? commits.slice(0, headIndex).map((commit) => commit.sha) : []);
  const credit = new Map<string, Map<string, number>>(); // sha → file → best credit
  const reasons = new Map<string, { weight: number; text: string }[]>();
  const levels = new Map<string, EvidenceLevel[]>();
  const seen = new Set<string>();
  const frames = input.frames.slice(-(input.maxFrames ?? 25)).reverse();

  frames.forEach((frame, distance) => {
    const key = `${frame.path.toLowerCase()}:${frame.lineno ?? ""}`;
    if (seen.has(key)) return; // recursion repeats frames; the one nearest the crash speaks for all
    seen.add(key);
    // The frame's file is whichever changed file matches it best across all candidates, so a
    // longer match elsewhere (src/a/index.ts) rules out a same-named file (src/b/index.ts).
    const matches = commits.flatMap((commit) => commit.files.map((file) => matchPathSuffix(frame.path, file.filename)));
    const best = Math.max(0, ...matches.filter(qualifies).map((m) => m.shared));
    if (best === 0) return;
    const isFrameFile = (filename: string): boolean => {
      const m = matchPathSuffix(frame.path, filename);
      return qualifies(m) && m.shared === best;
    };
    const evidence = findLineEvidence(live, isFrameFile, frame.lineno);
    for (const commit of commits) {
      if (!notLive.has(commit.sha)) continue;
      const file = commit.files.find((entry) => isFrameFile(entry.filename));
      if (file) evidence.set(commit.sha, { level: "file", filename: file.filename });
    }
    const frameWeight = 1 / (1 + distance);
    for (const [sha, found] of evidence) {
      const m = matchPathSuffix(frame.path, found.filename);
      const quality = m.shared >= Math.min(m.frameSegments, m.fileSegments) ? 1 : 0.6;
      // Formatting passes touch every file; touching a stack file that way says little.
      const substance = found.cosmetic && found.level === "file" ? 0.3 : 1;
      const value = frameWeight * quality * substance * (1 + levelBonus(found));
      const files = credit.get(sha) ?? new Map<string, number>();
      files.set(found.filename, Math.max(files.get(found.filename) ?? 0, value));
      credit.set(sha, files);
      levels.set(sha, [...(levels.get(sha) ?? []), found.level]);
      const text = describeEvidence(frame, distance, found);
      reasons.set(sha, [...(reasons.get(sha) ?? []), { weight: value, text }]);
    }
  });

  const suspects: Suspect[] = [];
  commits.forEach((commit) => {
    const files = credit.get(commit.sha);
    if (!files) return;
    let score = [...files.values()].reduce((sum, value) => sum + value, 0);
    const why = (reasons.get(commit.sha) ?? []).sort((a, b) => b.weight - a.weight).map((reason) => reason.text);
    const inLastDeployment = deployment?.shipped.has(commit.sha) ?? false;
    if (inLastDeployment) {
      score *= SHIPPED_BOOST;
      why.push(`shipped in the ${deployment!.label}, the last before the error first appeared`);
    } else if (notLive.has(commit.sha)) {
      score *= NOT_LIVE_PENALTY;
      why.push(`committed after the ${deployment!.label}, so it was not live when the error first appeared`);
    }
    // Sweeping commits (mass renames, formatting) touch every stack file without meaning much.
    const breadth = 1 / (1 + Math.log10(Math.max(1, commit.files.length / 10)));
    if (breadth < 0.8) why.push(`changes ${commit.files.length} files, so each match counts for less`);
    score *= breadth;
    const found = levels.get(commit.sha) ?? [];
    suspects.push({
      sha: commit.sha,
      score: Math.round(score * 100) / 100,
      reasons: why,
      matchedFiles: [...files.keys()],
      lineEvidence: found.some((level) => level === "line" || level === "adjacent" || level === "hunk"),
      inLastDeployment,
    });
  });
  // Stable sort: equal scores keep GitHub's newest-first order.
  return suspects.sort((a, b) => b.score - a.score);
}
