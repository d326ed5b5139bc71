import { Toaster } from "sonner";
import { requireUser } from "@/auth";
import { Sidebar } from "@/components/shell/sidebar";

// Shell of every signed-in page. Each page also calls requireUser/requireAdmin itself, because a
// layout is not re-rendered on every client-side navigation.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-screen bg-white">
      <Sidebar user={user} />
      <main className="min-w-0 flex-1">{children}</main>
      <Toaster richColors closeButton position="bottom-right" />
    </div>
  );
}
