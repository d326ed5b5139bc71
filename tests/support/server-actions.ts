// Calling a built server action as a browser (or an attacker) would: its id from the build's manifest.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The action's id, as the built page's client code posts it in the Next-Action header. */
export function serverActionId(file: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(
      join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "server/server-reference-manifest.json"),
      "utf8",
    ),
  ) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const id = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === name && entry.filename === file,
  )?.[0];
  if (!id) throw new Error(`${name} of ${file} is not in the server reference manifest`);
  return id;
}

/** Headers of a fetch-style action call (arguments as a JSON array body). */
export const actionHeaders = (file: string, name: string, extra: Record<string, string> = {}) => ({
  "next-action": serverActionId(file, name),
  "content-type": "text/plain;charset=UTF-8",
  accept: "text/x-component",
  ...extra,
});
