// Label colours come from the database; anything but a hex colour falls back to grey rather than
// reaching the style attribute.
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function LabelChip({ name, color }: { name: string; color: string }) {
  const dot = HEX_COLOR.test(color) ? color : "#a1a1aa";
  return (
    <span className="inline-flex max-w-40 items-center gap-1.5 rounded-full border border-ink-200 bg-surface px-2 py-0.5 text-[11px] font-medium text-ink-700">
      <span
        className="size-2 shrink-0 rounded-full ring-1 ring-inset ring-black/10 dark:ring-white/20"
        style={{ backgroundColor: dot }}
        aria-hidden
      />
      <span className="truncate">{name}</span>
    </span>
  );
}
