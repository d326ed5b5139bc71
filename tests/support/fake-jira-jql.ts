// The JQL the fake Jira understands: `field = value` clauses (project, labels, key) joined by AND, then
// an optional `ORDER BY created|key [ASC|DESC]`. Strings take Jira's escapes. Anything else is an error,
// as Jira answers a query it cannot parse.
export interface JqlQuery {
  clauses: { field: "project" | "labels" | "key"; value: string }[];
  orderBy: { field: "created" | "key"; descending: boolean };
}

type Token = { kind: "word" | "string" | "op"; value: string };

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t" };

function unescapeString(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_all, sequence: string) =>
    sequence.length === 5 ? String.fromCharCode(parseInt(sequence.slice(1), 16)) : (ESCAPES[sequence] ?? sequence),
  );
}

function tokenize(jql: string): Token[] | string {
  const tokens: Token[] = [];
  const pattern = /\s+|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(!=|=|~)|([A-Za-z0-9_.-]+)/y;
  while (pattern.lastIndex < jql.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(jql);
    if (!match)
      return `The character '${jql[at]}' at position ${at} is not allowed here (unterminated string or reserved character).`;
    if (match[1] !== undefined || match[2] !== undefined)
      tokens.push({ kind: "string", value: unescapeString(match[1] ?? match[2]!) });
    else if (match[3] !== undefined) tokens.push({ kind: "op", value: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: "word", value: match[4] });
  }
  return tokens;
}

export function parseJql(jql: string): JqlQuery | { error: string } {
  const tokens = tokenize(jql);
  if (typeof tokens === "string") return { error: tokens };
  const query: JqlQuery = { clauses: [], orderBy: { field: "created", descending: true } };
  let i = 0;
  const word = (w: string) => tokens[i]?.kind === "word" && tokens[i]!.value.toLowerCase() === w;
  while (i < tokens.length && !word("order")) {
    if (query.clauses.length > 0) {
      if (!word("and")) return { error: `Expecting 'AND' or 'ORDER BY' but got '${tokens[i]!.value}'.` };
      i++;
    }
    const [field, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    const name = field?.kind === "word" ? field.value.toLowerCase() : "";
    if (name !== "project" && name !== "labels" && name !== "key")
      return { error: `Field '${field?.value ?? ""}' is not supported by the fake Jira.` };
    if (op?.kind !== "op" || op.value !== "=") return { error: `Only '=' is supported after '${field!.value}'.` };
    if (!value || value.kind === "op") return { error: `Expecting a value after '${field!.value} ='.` };
    query.clauses.push({ field: name, value: value.value });
    i += 3;
  }
  if (word("order")) {
    i++;
    if (!word("by")) return { error: "Expecting 'BY' after 'ORDER'." };
    const field = tokens[++i]?.value.toLowerCase();
    if (field !== "created" && field !== "key")
      return { error: `Ordering by '${field ?? ""}' is not supported by the fake Jira.` };
    i++;
    const direction = tokens[i]?.value.toLowerCase();
    if (direction === "asc" || direction === "desc") i++;
    query.orderBy = { field, descending: direction === "desc" };
  }
  if (i < tokens.length) return { error: `Unexpected '${tokens[i]!.value}' at the end of the query.` };
  return query;
}
