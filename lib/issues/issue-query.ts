// The issue list's URL query: one schema for the server page and client code (no server-only imports),
// and one serializer so filter links, sort links and pagination never disagree.
//
// Query strings are user input: an unknown value is dropped, an over-long one trimmed, a bad cursor
// ignored; parsing never throws. Several values share one parameter, comma-separated
// (`?status=todo,in_progress`), as nuqs' parseAsArrayOf writes them (a comma inside a value is "%2C").
import { z } from "zod";
import { IssueStatus, Priority } from "../generated/prisma/enums";
import { storableText } from "../text/storable";

const ISSUE_SORTS = ["newest", "updated", "priority", "last_seen", "events"] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];
/** What the list is ordered by: an explicit sort, else relevance when searching, else newest. */
export type EffectiveSort = IssueSort | "relevance";

export const ISSUE_VIEWS = ["all", "my", "triage", "active", "regressed"] as const;
export type IssueView = (typeof ISSUE_VIEWS)[number];

export const ISSUE_SOURCES = ["sentry", "glitchtip", "generic", "manual"] as const;
export const JIRA_FILTERS = ["has", "pending", "none"] as const;

export const MAX_SEARCH_LENGTH = 200;
/** More values than anyone picks by hand; keeps `= ANY($1)` parameters small. */
const MAX_VALUES = 50;
const MAX_CURSOR_LENGTH = 512;

const SEPARATOR = ",";
const ENCODED_SEPARATOR = "%2C";

type RawValue = string | string[] | undefined;

/** One raw parameter as a string: a repeated parameter (`?status=a&status=b`) counts as a list. */
function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.filter((item) => typeof item === "string").join(SEPARATOR) || undefined;
  return typeof value === "string" ? value : undefined;
}

function splitList(value: unknown): string[] {
  const raw = single(value);
  if (!raw) return [];
  return raw
    .split(SEPARATOR)
    .map((item) => item.replaceAll(ENCODED_SEPARATOR, SEPARATOR).trim())
    .filter(Boolean);
}

/** A comma-separated list keeping the first MAX_VALUES distinct items `item` accepts. */
function list<T extends z.ZodType<string>>(item: T) {
  // unknown().optional(): zod 4 runs the transform for an absent key too (→ []).
  return z
    .unknown()
    .optional()
    .transform((value) => {
      const kept = new Set<z.output<T>>();
      for (const candidate of splitList(value)) {
        const parsed = item.safeParse(candidate);
        if (parsed.success) kept.add(parsed.data);
        if (kept.size >= MAX_VALUES) break;
      }
      return [...kept];
    });
}

// `.optional()`: a key whose value is dropped is absent from the output, which zod 4 wants declared.
function one<T extends z.ZodType>(item: T) {
  return z
    .unknown()
    .transform((value) => {
      const parsed = item.safeParse(single(value)?.trim());
      return parsed.success ? (parsed.data as z.output<T>) : undefined;
    })
    .optional();
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  });

// ---- Cursors: opaque to users, base64url of [sort, group, value, id] ----

export interface IssueCursor {
  sort: EffectiveSort;
  /** Which ordered group the row is in (priority P1…P4; last seen: seen, never seen); 0 otherwise. */
  group: number;
  /** The row's sort value within its group (ISO date, number, score), null when the group has none. */
  value: string | number | null;
  id: string;
}

const cursorSchema = z.tuple([
  z.enum([...ISSUE_SORTS, "relevance"]),
  z.number().int().min(0).max(10),
  z.union([z.string().max(64), z.number().finite(), z.null()]),
  z.string().min(1).max(64),
]);

function toBase64Url(text: string): string {
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function encodeCursor(cursor: IssueCursor): string {
  return toBase64Url(JSON.stringify([cursor.sort, cursor.group, cursor.value, cursor.id]));
}

export function decodeCursor(raw: string | undefined): IssueCursor | undefined {
  if (!raw || raw.length > MAX_CURSOR_LENGTH || !/^[\w-]+$/.test(raw)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(atob(raw.replaceAll("-", "+").replaceAll("_", "/"))));
    if (!parsed.success) return undefined;
    const [sort, group, value, id] = parsed.data;
    return { sort, group, value, id };
  } catch {
    return undefined;
  }
}

const cursor = z.string().refine((value) => decodeCursor(value) !== undefined);

// ---- The schema ----

export const issueQuerySchema = z.object({
  q: z
    .unknown()
    .transform((value) => {
      // NUL and lone surrogates cannot reach PostgreSQL (an error, so a 500): U+FFFD instead.
      const raw = single(value);
      const text = (raw === undefined ? undefined : storableText(raw))
        ?.replace(/\s+/g, " ")
        .trim()
        .slice(0, MAX_SEARCH_LENGTH)
        .trim();
      return text || undefined;
    })
    .optional(),
  status: list(z.enum(IssueStatus)),
  priority: list(z.enum(Priority)),
  project: list(
    z
      .string()
      .regex(/^[A-Za-z0-9]{2,10}$/)
      .transform((key) => key.toUpperCase()),
  ),
  label: list(z.string().max(100).transform(storableText)),
  source: list(z.enum(ISSUE_SOURCES)),
  // `me` (the signed-in user), `none` (unassigned) or user ids (uuids).
  assignee: list(z.union([z.literal("me"), z.literal("none"), z.uuid()])),
  jira: one(z.enum(JIRA_FILTERS)),
  createdAfter: one(day),
  createdBefore: one(day),
  updatedAfter: one(day),
  updatedBefore: one(day),
  sort: one(z.enum(ISSUE_SORTS)),
  view: one(z.enum(ISSUE_VIEWS)).transform((view) => view ?? "all"),
  after: one(cursor),
  before: one(cursor),
});

export type IssueQuery = z.output<typeof issueQuerySchema>;

export function parseIssueQuery(searchParams: Record<string, RawValue>): IssueQuery {
  // Only own, known keys are read; zod's object ignores the rest.
  return issueQuerySchema.parse(searchParams ?? {});
}

export function effectiveSort(query: Pick<IssueQuery, "q" | "sort">): EffectiveSort {
  return query.sort ?? (query.q ? "relevance" : "newest");
}

/** True when anything narrows the list (not the view, sort or cursor). */
export function hasFilters(query: IssueQuery): boolean {
  return Boolean(
    query.q ||
      query.status.length ||
      query.priority.length ||
      query.project.length ||
      query.label.length ||
      query.source.length ||
      query.assignee.length ||
      query.jira ||
      query.createdAfter ||
      query.createdBefore ||
      query.updatedAfter ||
      query.updatedBefore,
  );
}

// ---- The serializer ----

/** Parameter order in URLs (stable, so equal queries have equal links). */
const ORDER = [
  "q",
  "view",
  "status",
  "priority",
  "project",
  "label",
  "source",
  "assignee",
  "jira",
  "createdAfter",
  "createdBefore",
  "updatedAfter",
  "updatedBefore",
  "sort",
  "after",
  "before",
] as const satisfies readonly (keyof IssueQuery)[];

// Like encodeURIComponent, but the list separator stays a literal comma (as nuqs writes it).
function encodeValue(value: string): string {
  return encodeURIComponent(value).replaceAll("%2C", ",").replaceAll("%20", "+");
}

function serialize(key: keyof IssueQuery, value: IssueQuery[keyof IssueQuery]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return value.map((item) => encodeValue(String(item).replaceAll(SEPARATOR, ENCODED_SEPARATOR))).join(SEPARATOR);
  }
  if (key === "view" && value === "all") return undefined;
  return encodeValue(String(value));
}

export type IssueQueryChange = { [K in keyof IssueQuery]?: IssueQuery[K] | undefined };

/**
 * `/issues?…` for `query` with `change` applied. A change resets the cursors unless it sets one, so a
 * new filter or sort starts at the first page.
 */
export function issueQueryHref(query: IssueQuery, change: IssueQueryChange = {}): string {
  const pages = "after" in change || "before" in change;
  const next: IssueQuery = {
    ...query,
    ...(pages ? {} : { after: undefined, before: undefined }),
    ...change,
  } as IssueQuery;
  const parts: string[] = [];
  for (const key of ORDER) {
    const value = serialize(key, next[key]);
    if (value !== undefined) parts.push(`${key}=${value}`);
  }
  return parts.length ? `/issues?${parts.join("&")}` : "/issues";
}
