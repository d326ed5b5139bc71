// One labelled line of the issue page's properties panel.
export function Property({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-start gap-2 py-1">
      <dt className="pt-1 text-xs text-ink-500">{label}</dt>
      <dd className="min-w-0 pt-0.5 text-[13px] text-ink-800">{children}</dd>
    </div>
  );
}
