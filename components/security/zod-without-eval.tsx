"use client";
// zod compiles object parsers with `new Function` once it finds eval allowed, and finding out is
// itself an eval the Content-Security-Policy refuses (and reports). In the browser it parses without;
// on the server (this module is also rendered there) webhooks keep the compiled parsers.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export function ZodWithoutEval() {
  return null;
}
