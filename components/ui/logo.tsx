import { Zap } from "lucide-react";

export function Logo({ size = "md" }: { size?: "sm" | "md" }) {
  const box = size === "sm" ? "size-6 rounded-md" : "size-9 rounded-lg";
  return (
    <span className={`inline-flex ${box} items-center justify-center bg-indigo-600 text-white shadow-sm`}>
      <Zap className={size === "sm" ? "size-3.5" : "size-5"} strokeWidth={2.25} aria-hidden />
    </span>
  );
}
