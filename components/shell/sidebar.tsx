import { ListTodo, Shield } from "lucide-react";
import { Suspense } from "react";
import type { CurrentUser } from "@/auth";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ThemeMenu } from "@/components/theme/theme-menu";
import { Logo } from "@/components/ui/logo";
import type { ViewCounts } from "@/lib/issues/count-views";
import { Avatar } from "./avatar";
import { NavLink } from "./nav-link";
import { ShellActions } from "./shell-actions";
import { ViewLinks } from "./view-links";

export function Sidebar({ user, viewCounts }: { user: CurrentUser; viewCounts: ViewCounts }) {
  return (
    <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-ink-200 bg-ink-50">
      <div className="flex items-center gap-2 px-4 pb-4 pt-5">
        <Logo size="sm" />
        <span className="text-sm font-semibold tracking-tight text-ink-900">Tracker</span>
      </div>
      <ShellActions />
      <nav aria-label="Main" className="flex flex-1 flex-col gap-0.5 px-2">
        <NavLink href="/issues">
          <ListTodo className="size-4 text-ink-500" aria-hidden />
          Issues
        </NavLink>
        <Suspense>
          <ViewLinks counts={viewCounts} />
        </Suspense>
        {user.role === "admin" && (
          <NavLink href="/admin">
            <Shield className="size-4 text-ink-500" aria-hidden />
            Admin
          </NavLink>
        )}
      </nav>
      <div className="flex items-center gap-2 border-t border-ink-200 px-3 py-3">
        <Avatar name={user.name ?? user.email} />
        <div className="min-w-0 flex-1">
          {user.name && <p className="truncate text-xs font-medium text-ink-900">{user.name}</p>}
          <p className="truncate text-xs text-ink-500" title={user.email} data-testid="current-user-email">
            {user.email}
          </p>
        </div>
        <ThemeMenu />
        <SignOutButton />
      </div>
    </aside>
  );
}
