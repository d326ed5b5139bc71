"use client";
// Sonner draws its own colours; it follows the picked theme ("system" included) through its prop.
import { Toaster } from "sonner";
import { useTheme } from "./theme-provider";

export function ThemedToaster() {
  const { theme } = useTheme();
  return <Toaster theme={theme} richColors closeButton position="bottom-right" />;
}
