"use client";
// Holds the current theme and switches it in place: the <html> class (which drives `dark:` and every
// light-dark() colour) and the cookie the server reads on the next request.
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { THEME_COOKIE, THEMES, type Theme } from "./theme";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

type ThemeContextValue = { theme: Theme; setTheme: (theme: Theme) => void };

const ThemeContext = createContext<ThemeContextValue | null>(null);

export function ThemeProvider({ initialTheme, children }: { initialTheme: Theme; children: React.ReactNode }) {
  const [theme, setThemeState] = useState(initialTheme);
  const setTheme = useCallback((next: Theme) => {
    const root = document.documentElement;
    root.classList.remove(...THEMES);
    root.classList.add(next);
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and Safari before 2025.
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
    setThemeState(next);
  }, []);
  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeContextValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error("useTheme must be used inside <ThemeProvider>");
  return value;
}
