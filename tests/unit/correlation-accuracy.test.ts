// Top-1 accuracy of our suspect ranking against Sentry's heuristic on 200 seeded histories (see
// tests/support/generate-history.ts), each with a planted culprit whose hunk covers the crash
// line and that shipped in the deployment running at first-seen. Half are hard: several commits
// of the same deployment in the crash file, a formatter run over the crash line, a rewrite of the
// caller's line, an undeployed rewrite of the crash line, failed deployments.
import { describe, expect, it } from "vitest";
import { correlateIssue } from "@/lib/correlation/correlate-issue";
import { mapFramePath } from "@/lib/correlation/map-frame-path";
import { scoreSentryBaseline } from "@/lib/correlation/sentry-baseline-score";
import { generateScenario, type Scenario } from "../support/generate-history";
import { createMemoryGitHub } from "../support/memory-github";

const REPO = "acme/shop";

async function rank(scenario: Scenario) {
  const client = createMemoryGitHub(REPO, scenario.repo);
  const result = await correlateIssue(client, {
    repo: REPO,
    firstSeen: scenario.firstSeen,
    frames: scenario.frames,
    release: scenario.release,
  });
  const frames = scenario.frames.flatMap((frame) => {
    const path = mapFramePath(frame);
    return path ? [{ path, lineno: frame.lineno }] : [];
  });
  // Sentry orders tied commits by database order, unknown here: measure both directions.
  const newestFirst = scoreSentryBaseline({ frames, commits: result.commits });
  const oldestFirst = scoreSentryBaseline({ frames, commits: [...result.commits].reverse() });
  return {
    ours: result.suspects[0]?.sha === scenario.culprit,
    sentryNewestFirst: newestFirst[0]?.sha === scenario.culprit,
    sentryOldestFirst: oldestFirst[0]?.sha === scenario.culprit,
    lineEvidence: result.suspects.find((suspect) => suspect.sha === scenario.culprit)?.lineEvidence ?? false,
  };
}

type Tally = { n: number; ours: number; sentryNewestFirst: number; sentryOldestFirst: number };
const pct = (hits: number, n: number): string => `${n === 0 ? "-" : ((100 * hits) / n).toFixed(1)}%`;
const show = (name: string, t: Tally): string =>
  `${name.padEnd(14)} n=${String(t.n).padStart(3)}  ours ${pct(t.ours, t.n).padStart(6)}  Sentry ${pct(t.sentryNewestFirst, t.n).padStart(6)} (ties newest first) / ${pct(t.sentryOldestFirst, t.n).padStart(6)} (oldest first)`;

describe("suspect ranking accuracy", () => {
  it("puts the planted culprit first far more often than Sentry's heuristic", { timeout: 60_000 }, async () => {
    const tallies = new Map<string, Tally>();
    const add = (key: string, outcome: Awaited<ReturnType<typeof rank>>): void => {
      const t = tallies.get(key) ?? { n: 0, ours: 0, sentryNewestFirst: 0, sentryOldestFirst: 0 };
      t.n += 1;
      t.ours += Number(outcome.ours);
      t.sentryNewestFirst += Number(outcome.sentryNewestFirst);
      t.sentryOldestFirst += Number(outcome.sentryOldestFirst);
      tallies.set(key, t);
    };
    const misses: string[] = [];
    for (let seed = 1; seed <= 200; seed += 1) {
      const scenario = generateScenario(seed, seed % 2 === 0);
      const outcome = await rank(scenario);
      expect(outcome.lineEvidence, `seed ${seed}: the culprit's hunk covers the crash line`).toBe(true);
      add(scenario.hard ? "hard" : "easy", outcome);
      add(`culprit:${scenario.culpritKind}`, outcome);
      if (!outcome.ours) misses.push(`${seed} (${scenario.hard ? "hard" : "easy"}, ${scenario.culpritKind})`);
    }
    console.log(
      [
        "top-1 accuracy, 200 generated histories:",
        ...[...tallies].sort().map(([key, t]) => `  ${show(key, t)}`),
        `  misses: ${misses.join(", ") || "none"}`,
      ].join("\n"),
    );
    const easy = tallies.get("easy")!;
    const hard = tallies.get("hard")!;
    expect(easy.ours / easy.n).toBeGreaterThanOrEqual(0.97);
    expect(hard.ours / hard.n).toBeGreaterThanOrEqual(0.9);
    expect(hard.ours).toBeGreaterThan(Math.max(hard.sentryNewestFirst, hard.sentryOldestFirst) + 25);
  });
});
