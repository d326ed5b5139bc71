import type { Metadata } from "next";
import { ZodWithoutEval } from "@/components/security/zod-without-eval";
import "./globals.css";

// Every page renders per request, the not-found page too: its scripts need the request's CSP nonce.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tracker", template: "%s · Tracker" },
  description: "Production errors become issues, exactly once.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen text-sm">
        <ZodWithoutEval />
        {children}
      </body>
    </html>
  );
}
