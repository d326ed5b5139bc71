import { requireUser } from "@/auth";
import { Sidebar } from "@/components/shell/sidebar";
import { ThemedToaster } from "@/components/theme/themed-toaster";
import { TriageProvider } from "@/components/triage/triage-provider";
import { getDb } from "@/lib/db";
import { countViews } from "@/lib/issues/count-views";
import { loadPickOptions } from "@/lib/issues/pick-options";

// Shell of every signed-in page. Each page also calls requireUser/requireAdmin itself, because a
// layout is not re-rendered on every client-side navigation.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [options, viewCounts] = await Promise.all([loadPickOptions(getDb()), countViews(getDb(), user.id)]);
  return (
    <TriageProvider me={user} options={options}>
      <div className="flex min-h-screen bg-surface">
        <Sidebar user={user} viewCounts={viewCounts} />
        <main className="min-w-0 flex-1">{children}</main>
      </div>
      <ThemedToaster />
    </TriageProvider>
  );
}
