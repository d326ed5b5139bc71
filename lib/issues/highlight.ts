// Search highlights as segments of plain text, never HTML: the UI renders each as a text node, so no
// title can inject markup. ts_headline marks matches with private-use sentinels that the source text
// cannot contain (they are stripped from it first), and partial words are marked here.

export interface Segment {
  text: string;
  match: boolean;
}

const HIGHLIGHT_START = "\uE000";
const HIGHLIGHT_STOP = "\uE001";
/** ts_headline options; the sentinels are stripped from the text before (see SENTINELS_SQL). */
export const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;
export const SENTINELS_SQL = `E'\\uE000\\uE001'`;

/** Splits ts_headline output on the sentinels. */
export function segmentsFromHeadline(headline: string): Segment[] {
  const segments: Segment[] = [];
  let match = false;
  for (const part of headline.split(/([\uE000\uE001])/)) {
    if (part === HIGHLIGHT_START) match = true;
    else if (part === HIGHLIGHT_STOP) match = false;
    else if (part) push(segments, { text: part, match });
  }
  return segments;
}

function push(segments: Segment[], segment: Segment): void {
  const last = segments.at(-1);
  if (last && last.match === segment.match) last.text += segment.text;
  else segments.push({ ...segment });
}

/** The words of a search worth marking as partial matches (3+ characters, websearch syntax removed). */
export function searchWords(q: string): string[] {
  return q
    .split(/[\s"]+/)
    .map((word) => word.replace(/^-/, ""))
    .filter((word) => [...word].length >= 3 && !/^(or|and)$/i.test(word));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Also marks case-insensitive occurrences of `words` in the segments not matched yet. */
export function markWords(segments: Segment[], words: string[]): Segment[] {
  if (!words.length) return segments;
  const pattern = new RegExp(`(${words.map(escapeRegExp).join("|")})`, "giu");
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.match) {
      push(out, segment);
      continue;
    }
    for (const [index, part] of segment.text.split(pattern).entries()) {
      if (part) push(out, { text: part, match: index % 2 === 1 });
    }
  }
  return out;
}

export const hasMatch = (segments: Segment[]) => segments.some((segment) => segment.match);
