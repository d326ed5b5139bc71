// A person's initial on a neutral disc; enough to tell authors apart at a glance.
export function Avatar({ name, size = "sm" }: { name: string; size?: "xs" | "sm" }) {
  const initial = name.trim().charAt(0).toUpperCase() || "?";
  const box = size === "xs" ? "size-5 text-[10px]" : "size-6 text-[11px]";
  return (
    <span
      aria-hidden
      className={`inline-flex ${box} shrink-0 items-center justify-center rounded-full bg-ink-200 font-semibold text-ink-700`}
    >
      {initial}
    </span>
  );
}
