import type { Metadata } from "next";
import { cookies } from "next/headers";
import { ZodWithoutEval } from "@/components/security/zod-without-eval";
import { parseTheme, THEME_COOKIE } from "@/components/theme/theme";
import { ThemeProvider } from "@/components/theme/theme-provider";
import "./globals.css";

// Every page renders per request, the not-found page too: its scripts need the request's CSP nonce.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tracker", template: "%s · Tracker" },
  description: "Production errors become issues, exactly once.",
};

// The theme class is rendered on the server from the cookie, so the first paint is already right
// with no inline script (the Content-Security-Policy allows none).
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme}>
      <body className="min-h-screen text-sm">
        <ZodWithoutEval />
        <ThemeProvider initialTheme={theme}>{children}</ThemeProvider>
      </body>
    </html>
  );
}
