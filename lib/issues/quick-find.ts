// The command palette's "jump to issue": an exact identifier first, then titles containing the words.
import type { Db } from "../db";
import { issueIdentifierSchema } from "./get-issue";

export async function quickFindIssues(db: Db, query: string, limit = 8): Promise<{ id: string; identifier: string; title: string }[]> {
  const text = query.trim().slice(0, 200);
  if (!text) return [];
  const select = { id: true, identifier: true, title: true } as const;
  const identifier = issueIdentifierSchema.safeParse(text);
  const exact = identifier.success ? await db.issue.findUnique({ where: { identifier: identifier.data }, select }) : null;
  const words = text.split(/\s+/).filter(Boolean).slice(0, 5);
  const matches = await db.issue.findMany({
    where: { AND: words.map((word) => ({ title: { contains: word, mode: "insensitive" as const } })) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit,
    select,
  });
  return [...(exact ? [exact] : []), ...matches.filter((issue) => issue.id !== exact?.id)].slice(0, limit);
}
