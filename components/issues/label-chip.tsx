// Label colours come from the database; anything but a hex colour falls back to grey rather than
// reaching the style attribute.
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function LabelChip({ name, color }: { name: string; color: string }) {
  const dot = HEX_COLOR.test(color) ? color : "#a1a1aa";
  return (
    <span className="inline-flex max-w-40 items-center gap-1.5 rounded-full border border-zinc-200 bg-white px-2 py-0.5 text-[11px] font-medium text-zinc-700">
      <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: dot }} aria-hidden />
      <span className="truncate">{name}</span>
    </span>
  );
}
