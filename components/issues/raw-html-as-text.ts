// rehype plugin: raw HTML found in markdown becomes plain text, so `<script>` is shown, not run
// and not silently dropped. Runs before rehype-sanitize, which would otherwise remove it unseen.
interface HastNode {
  type: string;
  children?: HastNode[];
}

function convert(node: HastNode): void {
  for (const child of node.children ?? []) {
    if (child.type === "raw") child.type = "text";
    else convert(child);
  }
}

export function rehypeRawAsText() {
  return (tree: HastNode) => convert(tree);
}
