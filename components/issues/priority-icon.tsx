import type { Priority } from "@/lib/generated/prisma/enums";
import { PRIORITY_LABEL } from "@/lib/issues/vocabulary";

// Drawn rather than taken from lucide: its signal icons sit in a corner of their box and read as
// dots at this size. Urgent is a filled square with "!"; the rest are three bars, some lit.
const LIT_BARS: Record<Exclude<Priority, "P1">, number> = { P2: 3, P3: 2, P4: 1 };

function Glyph({ priority }: { priority: Priority }) {
  if (priority === "P1") {
    return (
      <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden>
        <rect x="1" y="1" width="14" height="14" rx="3" className="fill-orange-600" />
        <path d="M8 4.25v4.5" className="stroke-white" strokeWidth="1.75" strokeLinecap="round" />
        <circle cx="8" cy="11.25" r="1" className="fill-white" />
      </svg>
    );
  }
  const lit = LIT_BARS[priority];
  return (
    <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden>
      {[0, 1, 2].map((bar) => (
        <rect
          key={bar}
          x={1.5 + bar * 5}
          y={10 - bar * 4}
          width="3"
          height={5 + bar * 4}
          rx="1"
          className={bar < lit ? "fill-ink-600" : "fill-ink-300"}
        />
      ))}
    </svg>
  );
}

export function PriorityIcon({ priority, decorative = false }: { priority: Priority; decorative?: boolean }) {
  const label = `${priority} ${PRIORITY_LABEL[priority]}`;
  return (
    <span title={label} className="inline-flex size-4 shrink-0 items-center justify-center">
      <Glyph priority={priority} />
      {!decorative && <span className="sr-only">{label}</span>}
    </span>
  );
}
