// Plain-text tables for the benchmark report.
/** Columns from `rightAlignFrom` on are right-aligned, except those listed in `leftAligned`. */
export function table(
  header: string[],
  rows: (string | number)[][],
  rightAlignFrom = 1,
  leftAligned: number[] = [],
): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column >= rightAlignFrom && !leftAligned.includes(column)
          ? cell.padStart(widths[column]!)
          : cell.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
export const pct = (value: number) => (Number.isFinite(value) ? `${(100 * value).toFixed(0)}%` : "n/a");
