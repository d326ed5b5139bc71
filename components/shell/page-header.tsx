// The thin bar at the top of each signed-in page: a title (or breadcrumb) and optional actions.
export function PageHeader({ children, actions }: { children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="flex h-12 items-center justify-between gap-4 border-b border-ink-200 px-6">
      <div className="flex min-w-0 items-center gap-2 text-[13px]">{children}</div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </header>
  );
}
