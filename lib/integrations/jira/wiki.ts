// Markdown → Jira wiki markup for Data Center, by jira2md. jira2md is a chain of regexes over the whole
// text, so it rewrites inside code (`*x*` → `_x_`), breaks `[a](<url>)` links and drops markdown
// escapes. Those spans are swapped for placeholders first and put back in wiki syntax afterwards.
import J2M from "jira2md";

/** Languages Jira's {code} macro knows; others would render an error box, so they get {noformat}. */
const CODE_LANGUAGES = new Set(
  "actionscript ada applescript bash c c# c++ cpp css erlang go groovy haskell html java javascript js json lua nyan objc perl php python r rainbow ruby scala sh sql swift visualbasic xml yaml".split(
    " ",
  ),
);
/** Characters with a meaning in wiki markup; a backslash makes them literal. */
const WIKI_SPECIALS = /[\\*_+\-^~?{}[\]|!#]/g;
/** Inside {{ }}: macro/link/table characters always; effect characters (*bold*, -strike-…) only where an
 * effect could start or end, so `STD-SMART-7` stays readable. */
const MONOSPACE_SPECIALS = /[\\{}[\]|!]|(?<![\p{L}\p{N}])[*_+^~?-]|[*_+^~?-](?![\p{L}\p{N}])/gu;
const URL_UNSAFE: Record<string, string> = { " ": "%20", "(": "%28", ")": "%29" };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;

function codeBlock(language: string, lines: string[]): string {
  const body = lines.join("\n");
  const lang = language.toLowerCase();
  return CODE_LANGUAGES.has(lang) ? `{code:${lang}}\n${body}\n{code}` : `{noformat}\n${body}\n{noformat}`;
}

export function markdownToWiki(markdown: string): string {
  const saved: string[] = [];
  const hold = (wiki: string) => `\uE000${saved.push(wiki) - 1}\uE001`;

  // Fenced code blocks, line by line (an unclosed fence runs to the end, as in CommonMark).
  const out: string[] = [];
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (!open) {
      out.push(lines[i]!);
      continue;
    }
    const fence = open[1]!;
    const close = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
    const body: string[] = [];
    for (i++; i < lines.length && !close.test(lines[i]!); i++) body.push(lines[i]!);
    out.push(hold(codeBlock(open[2] ?? "", body)));
  }

  const text = out
    .join("\n")
    // Inline code: {{…}} with wiki specials escaped, since Jira renders markup inside {{ }}.
    .replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_all, _fence: string, code: string) => {
      const trimmed = /^ .* $/s.test(code) ? code.slice(1, -1) : code;
      return hold(`{{${trimmed.replace(/\n/g, " ").replace(MONOSPACE_SPECIALS, "\\$&")}}}`);
    })
    // Markdown escapes: literal in wiki, escaped where the character means something there.
    .replace(/\\([!-/:-@[-`{-~])/g, (_all, char: string) =>
      hold(char === "\\" ? "\\" : char.replace(WIKI_SPECIALS, "\\$&")),
    )
    // `[a](<url>)` (how lib/text/markdown writes links) → `[a](url)`, the form jira2md understands.
    .replace(/\]\(<([^<>\n]*)>\)/g, (_all, url: string) => `](${url.replace(/[ ()]/g, (char) => URL_UNSAFE[char]!)})`)
    // A `<` that does not open an autolink is text, not the `[link]` jira2md would make of it.
    .replace(/<(?![a-z][a-z0-9+.-]*:[^\s<>]*>)/gi, () => hold("<"))
    // Nested `-`/`+` bullets: jira2md only nests `*` bullets.
    .replace(/^([ \t]*)[-+][ \t]+(?=\S)/gm, "$1* ");

  return J2M.to_jira(text).replace(/\uE000(\d+)\uE001/g, (_all, index: string) => saved[Number(index)]!);
}
