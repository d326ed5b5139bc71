// Markdown → Atlassian Document Format for Jira Cloud, by marklassian. Its output is repaired only
// where it breaks the ADF schema (Jira answers 400 to the whole request otherwise): empty text nodes,
// empty containers, blocks nested where ADF forbids them (heading/quote/rule/table inside a list item
// or quote) and blocks inside task items.
import { markdownToAdf } from "marklassian";

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export interface AdfDoc {
  version: 1;
  type: "doc";
  content: AdfNode[];
}

/** Nodes whose content is inline (text, hardBreak), not blocks. */
const INLINE_CONTAINERS = new Set(["paragraph", "heading", "taskItem"]);
const INLINE_NODES = new Set(["text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status"]);

/** The block children each parent accepts (from the schema), for the nodes marklassian emits. */
const ALLOWED_BLOCKS: Record<string, Set<string>> = {
  doc: new Set([
    "paragraph",
    "heading",
    "bulletList",
    "orderedList",
    "codeBlock",
    "blockquote",
    "rule",
    "table",
    "taskList",
    "mediaSingle",
  ]),
  blockquote: new Set(["paragraph", "orderedList", "bulletList", "codeBlock", "mediaSingle", "mediaGroup"]),
  listItem: new Set(["paragraph", "bulletList", "orderedList", "taskList", "codeBlock", "mediaSingle"]),
  tableCell: new Set([
    "paragraph",
    "blockquote",
    "orderedList",
    "bulletList",
    "rule",
    "heading",
    "codeBlock",
    "mediaSingle",
    "taskList",
  ]),
  tableHeader: new Set([
    "paragraph",
    "blockquote",
    "orderedList",
    "bulletList",
    "rule",
    "heading",
    "codeBlock",
    "mediaSingle",
    "taskList",
  ]),
  bulletList: new Set(["listItem"]),
  orderedList: new Set(["listItem"]),
  taskList: new Set(["taskItem", "taskList"]),
  table: new Set(["tableRow"]),
  tableRow: new Set(["tableCell", "tableHeader"]),
};

/** Must keep at least one child; an empty one gets an empty paragraph (keeps numbering and columns). */
const PADDED_WHEN_EMPTY = new Set(["listItem", "tableCell", "tableHeader"]);
/** Must keep at least one child; an empty one is dropped. */
const DROPPED_WHEN_EMPTY = new Set([
  "blockquote",
  "bulletList",
  "orderedList",
  "taskList",
  "table",
  "tableRow",
  "mediaSingle",
]);

const paragraph = (content: AdfNode[]): AdfNode => ({ type: "paragraph", content });

function inlineContent(nodes: AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    if (node.type === "text" && !node.text) continue;
    if (INLINE_NODES.has(node.type)) {
      out.push(node);
      continue;
    }
    // A block inside inline content (marklassian puts a task's sub-list there): keep its text on a new line.
    const flattened = inlineContent(node.content ?? []);
    if (flattened.length === 0) continue;
    if (out.length > 0) out.push({ type: "hardBreak" });
    out.push(...flattened);
  }
  return out;
}

/** A taskItem's nested task list belongs after it in the parent list, not inside the item. */
function hoistNestedTaskLists(items: AdfNode[]): AdfNode[] {
  return items.flatMap((item) => {
    if (item.type !== "taskItem" || !item.content) return [item];
    const nested = item.content.filter((child) => child.type === "taskList");
    if (nested.length === 0) return [item];
    return [{ ...item, content: item.content.filter((child) => child.type !== "taskList") }, ...nested];
  });
}

function fixNode(node: AdfNode): AdfNode | null {
  if (node.type === "text") return node.text ? node : null;
  if (INLINE_CONTAINERS.has(node.type)) return { ...node, content: inlineContent(node.content ?? []) };
  if (!node.content) return node;
  const children = node.type === "taskList" ? hoistNestedTaskLists(node.content) : node.content;
  const content = fixBlocks(node.type, children);
  if (content.length === 0 && PADDED_WHEN_EMPTY.has(node.type)) return { ...node, content: [paragraph([])] };
  if (content.length === 0 && DROPPED_WHEN_EMPTY.has(node.type)) return null;
  return { ...node, content };
}

function fixBlocks(parentType: string, children: AdfNode[]): AdfNode[] {
  const allowed = ALLOWED_BLOCKS[parentType];
  const out: AdfNode[] = [];
  for (const child of children) {
    const fixed = fixNode(child);
    if (fixed === null) continue;
    if (allowed?.has(fixed.type) ?? true) out.push(fixed);
    // Not allowed here: keep the words, lose the structure.
    else if (INLINE_CONTAINERS.has(fixed.type)) out.push(paragraph(fixed.content ?? []));
    else if (INLINE_NODES.has(fixed.type)) out.push(paragraph([fixed]));
    else if (fixed.content) out.push(...fixBlocks(parentType, fixed.content));
    // A leaf block (rule) where it is not allowed is dropped.
  }
  return out;
}

export function markdownToAdfDoc(markdown: string): AdfDoc {
  const doc = markdownToAdf(markdown) as AdfDoc;
  return { version: 1, type: "doc", content: fixBlocks("doc", doc.content) };
}
