// The colour theme a person picked, kept in a cookie so the root layout can put the right class on
// <html> at first paint without an inline script. Shared by server and client, so not "use client".
import { z } from "zod";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
export const THEME_LABEL: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

const themeSchema = z.enum(THEMES).catch("system");

/** Anything but a known theme (no cookie, a stale or forged value) means "follow the system". */
export function parseTheme(value: string | undefined): Theme {
  return themeSchema.parse(value);
}
