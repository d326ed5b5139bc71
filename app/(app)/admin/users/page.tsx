import type { Metadata } from "next";
import { requireAdmin } from "@/auth";
import { AddUserForm } from "@/components/admin/add-user-form";
import { AdminCrumbs } from "@/components/admin/admin-crumbs";
import { cellClass, Table } from "@/components/admin/table";
import { UserRowActions } from "@/components/admin/user-row-actions";
import { listUsers } from "@/lib/admin/users";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/text/format-date-time";

export const metadata: Metadata = { title: "Users" };

function Status({ user }: { user: Awaited<ReturnType<typeof listUsers>>[number] }) {
  if (user.deactivatedAt)
    return <span className="text-red-700 dark:text-red-300">Deactivated {formatDateTime(user.deactivatedAt)}</span>;
  if (user.pendingInvite && !user.hasPassword) {
    const expired = user.pendingInvite.expiresAt <= new Date();
    return (
      <span className="text-amber-700 dark:text-amber-300">
        {expired ? "Invite expired" : `Invited, until ${formatDateTime(user.pendingInvite.expiresAt)}`}
      </span>
    );
  }
  if (!user.hasPassword) return <span className="text-ink-500">No password (GitHub sign-in)</span>;
  return <span className="text-ink-600">Active</span>;
}

export default async function UsersPage() {
  const me = await requireAdmin();
  const users = await listUsers(getDb());
  return (
    <>
      <AdminCrumbs title="Users" />
      <div className="mx-auto max-w-6xl space-y-6 px-6 py-8">
        <p className="text-[13px] text-ink-500">
          Members work on issues; admins also configure integrations and manage users. A change takes effect on the
          user&apos;s next request; deactivating ends their sessions at once. At least one active admin always remains.
        </p>
        <AddUserForm />
        <Table
          columns={["Email", "Name", "Status", "Added", "Role and access"]}
          empty={users.length === 0 ? "No users yet." : undefined}
        >
          {users.map((user) => (
            <tr key={user.id} data-testid="user-row">
              <td className={`${cellClass} font-medium text-ink-900`}>
                {user.email}
                {user.id === me.id && <span className="ml-1.5 text-xs font-normal text-ink-500">(you)</span>}
              </td>
              <td className={`${cellClass} text-ink-700`}>{user.name ?? <span className="text-ink-300">—</span>}</td>
              <td className={cellClass}>
                <Status user={user} />
              </td>
              <td className={`${cellClass} whitespace-nowrap text-ink-600`}>{formatDateTime(user.createdAt)}</td>
              <td className={cellClass}>
                <UserRowActions
                  user={{
                    id: user.id,
                    email: user.email,
                    role: user.role,
                    deactivated: user.deactivatedAt !== null,
                    invitable: !user.hasPassword,
                  }}
                />
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </>
  );
}
