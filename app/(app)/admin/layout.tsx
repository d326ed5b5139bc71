import { requireAdmin } from "@/auth";
import { AdminNav } from "@/components/admin/admin-nav";
import { PageHeader } from "@/components/shell/page-header";

// The admin section: a title bar and the settings sub-navigation beside each page. Every page also
// calls requireAdmin itself (a layout is not re-rendered on client-side navigation).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <>
      <PageHeader>
        <h1 className="font-medium text-ink-900">Admin</h1>
      </PageHeader>
      <div className="flex gap-8 px-6 py-8">
        <aside className="w-44 shrink-0">
          <AdminNav />
        </aside>
        <div className="min-w-0 max-w-5xl flex-1">{children}</div>
      </div>
    </>
  );
}
