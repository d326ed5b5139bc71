"use client";
// Add a member or admin, with an initial password or an invite link. Checked with the server's own
// schema as typed (errors beside the field at fault), then again on the server.
import { useState, useTransition } from "react";
import { addUserAction } from "@/app/(app)/admin/users/actions";
import { Notice } from "@/components/ui/notice";
import { inputClass, labelClass, primaryButtonClass } from "@/components/ui/styles";
import { addUserSchema } from "@/lib/admin/user-schemas";
import { InviteLink } from "./invite-link";

type Field = "email" | "name" | "role" | "password" | "access";

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-xs text-red-700 dark:text-red-300">
      {message}
    </p>
  ) : null;
}

export function AddUserForm() {
  const [access, setAccess] = useState<"password" | "invite">("invite");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [added, setAdded] = useState<{ email: string; invite?: { token: string; expiresAt: Date } } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = {
      email: String(data.get("email") ?? ""),
      name: String(data.get("name") ?? ""),
      role: String(data.get("role") ?? ""),
      access,
      ...(access === "password" ? { password: String(data.get("password") ?? "") } : {}),
    };
    const parsed = addUserSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "access"), issue.message])),
      );
      return;
    }
    setErrors({});
    setFailure(null);
    startTransition(async () => {
      const result = await addUserAction(input);
      if (!result.ok) return setFailure(result.error);
      setAdded({ email: result.value.email, invite: result.value.invite });
      form.reset();
    });
  };

  const describedBy = (field: Field) => (errors[field] ? `add-user-${field}-error` : undefined);
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Add a user"
      className="space-y-4 rounded-lg border border-ink-200 p-4"
    >
      <h2 className="text-sm font-medium text-ink-900">Add a user</h2>
      {failure && <Notice tone="error">{failure}</Notice>}
      {added &&
        (added.invite ? (
          <InviteLink email={added.email} token={added.invite.token} expiresAt={added.invite.expiresAt} />
        ) : (
          <Notice tone="success">{added.email} can now sign in with the password you set.</Notice>
        ))}
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="add-user-email" className={labelClass}>
            Email
          </label>
          <input
            id="add-user-email"
            name="email"
            type="email"
            autoComplete="off"
            aria-invalid={!!errors.email}
            aria-describedby={describedBy("email")}
            className={inputClass}
          />
          <FieldError id="add-user-email-error" message={errors.email} />
        </div>
        <div>
          <label htmlFor="add-user-name" className={labelClass}>
            Name (optional)
          </label>
          <input
            id="add-user-name"
            name="name"
            autoComplete="off"
            aria-invalid={!!errors.name}
            aria-describedby={describedBy("name")}
            className={inputClass}
          />
          <FieldError id="add-user-name-error" message={errors.name} />
        </div>
        <div>
          <label htmlFor="add-user-role" className={labelClass}>
            Role
          </label>
          <select id="add-user-role" name="role" defaultValue="member" className={inputClass}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend className={labelClass}>Access</legend>
        <div className="flex flex-wrap gap-4 text-[13px] text-ink-800">
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="access"
              value="invite"
              checked={access === "invite"}
              onChange={() => setAccess("invite")}
            />{" "}
            Invite link (they choose a password)
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="access"
              value="password"
              checked={access === "password"}
              onChange={() => setAccess("password")}
            />{" "}
            Initial password
          </label>
        </div>
      </fieldset>
      {access === "password" && (
        <div className="max-w-xs">
          <label htmlFor="add-user-password" className={labelClass}>
            Initial password
          </label>
          <input
            id="add-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={!!errors.password}
            aria-describedby={describedBy("password")}
            className={inputClass}
          />
          <FieldError id="add-user-password-error" message={errors.password ?? undefined} />
        </div>
      )}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
