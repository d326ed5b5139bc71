"use client";
// One user's role, deactivation and (for someone who never set a password) a new invite link.
// Refusals from the server (the last active admin) are shown and the control goes back.
import { useState, useTransition } from "react";
import { toast } from "sonner";
import {
  changeRoleAction,
  deactivateUserAction,
  reactivateUserAction,
  reinviteUserAction,
} from "@/app/(app)/admin/users/actions";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { InviteLink } from "./invite-link";

const small = `${secondaryButtonClass} px-2 py-1 text-xs`;

export function UserRowActions({
  user,
}: {
  user: { id: string; email: string; role: "admin" | "member"; deactivated: boolean; invitable: boolean };
}) {
  const [role, setRole] = useState(user.role);
  const [confirming, setConfirming] = useState(false);
  const [invite, setInvite] = useState<{ token: string; expiresAt: Date } | null>(null);
  const [pending, startTransition] = useTransition();

  const changeRole = (next: "admin" | "member") => {
    setRole(next);
    startTransition(async () => {
      const result = await changeRoleAction(user.id, next);
      if (result.ok) toast.success(`${user.email} is now ${next === "admin" ? "an admin" : "a member"}`);
      else {
        setRole(user.role);
        toast.error(result.error);
      }
    });
  };
  const toggleActive = () =>
    startTransition(async () => {
      setConfirming(false);
      const result = await (user.deactivated ? reactivateUserAction : deactivateUserAction)(user.id);
      if (result.ok)
        toast.success(
          user.deactivated ? `${user.email} reactivated` : `${user.email} deactivated; their sessions ended`,
        );
      else toast.error(result.error);
    });
  const reinvite = () =>
    startTransition(async () => {
      const result = await reinviteUserAction(user.id);
      if (result.ok) setInvite(result.value);
      else toast.error(result.error);
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-1.5">
        <select
          aria-label={`Role of ${user.email}`}
          value={role}
          disabled={pending || user.deactivated}
          onChange={(event) => changeRole(event.target.value as "admin" | "member")}
          className={`${inputClass} w-auto py-1 text-xs`}
        >
          <option value="member">Member</option>
          <option value="admin">Admin</option>
        </select>
        {confirming ? (
          <>
            <button
              type="button"
              autoFocus
              disabled={pending}
              onClick={toggleActive}
              className={`${small} border-red-300 text-red-700 dark:text-red-300`}
            >
              Confirm deactivate
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={small}>
              Keep
            </button>
          </>
        ) : (
          <button
            type="button"
            disabled={pending}
            onClick={() => (user.deactivated ? toggleActive() : setConfirming(true))}
            className={small}
            aria-label={`${user.deactivated ? "Reactivate" : "Deactivate"} ${user.email}`}
          >
            {user.deactivated ? "Reactivate" : "Deactivate"}
          </button>
        )}
        {user.invitable && !user.deactivated && (
          <button
            type="button"
            disabled={pending}
            onClick={reinvite}
            className={small}
            aria-label={`New invite link for ${user.email}`}
          >
            New invite link
          </button>
        )}
      </div>
      {invite && <InviteLink email={user.email} token={invite.token} expiresAt={invite.expiresAt} />}
    </div>
  );
}
