// This tracker's public base URL for pages and actions: NEXTAUTH_URL, else the origin the admin reached.
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

export async function trackerBaseUrl(): Promise<string> {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const request = await headers();
  const proto = request.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${request.get("host") ?? "localhost:3000"}`;
}
