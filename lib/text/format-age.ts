// Compact relative age for lists ("now", "3m", "5h", "2d", "4w", "3mo", "1y").
const UNITS: [limitSeconds: number, divisor: number, suffix: string][] = [
  [3_600, 60, "m"],
  [86_400, 3_600, "h"],
  [7 * 86_400, 86_400, "d"],
  [30 * 86_400, 7 * 86_400, "w"],
  [365 * 86_400, 30 * 86_400, "mo"],
];

export function formatAge(date: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return "now";
  for (const [limit, divisor, suffix] of UNITS) {
    if (seconds < limit) return `${Math.floor(seconds / divisor)}${suffix}`;
  }
  return `${Math.floor(seconds / (365 * 86_400))}y`;
}
