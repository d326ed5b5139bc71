import { Logo } from "@/components/ui/logo";

// The centred card that frames the sign-in and first-run pages.
export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-ink-50 px-4 py-16 dark:bg-surface">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <Logo />
          <h1 className="mt-5 text-lg font-semibold tracking-tight text-ink-900">{title}</h1>
          <p className="mt-1 text-[13px] text-ink-500">{subtitle}</p>
        </div>
        <div className="rounded-xl border border-ink-200 bg-elevated p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
