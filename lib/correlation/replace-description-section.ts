// Puts a "## Heading" section into a markdown description, replacing an earlier version of it, so a
// re-run correlation never duplicates its section. New sections go before "## Impact" (the seed's order).
export function replaceDescriptionSection(description: string, heading: string, section: string): string {
  const blocks = description.split(/\n(?=## )/);
  const kept = blocks.filter((block) => !block.startsWith(`## ${heading}\n`) && block.trim() !== `## ${heading}`);
  const impact = kept.findIndex((block) => block.startsWith("## Impact"));
  const at = impact === -1 ? kept.length : impact;
  kept.splice(at, 0, `${section.trimEnd()}\n`);
  return kept.map((block) => block.trimEnd()).join("\n\n");
}
