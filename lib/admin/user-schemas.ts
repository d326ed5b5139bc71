// The users console's input shapes, shared by its forms (validated in the browser for inline errors)
// and by lib/admin/users.ts and add-user.ts, which parse them again on the server. Pure zod.
import { z } from "zod";

export const roleSchema = z.enum(["admin", "member"], "must be admin or member");

export const passwordSchema = z
  .string("Password is required")
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");

const newUserFields = {
  email: z
    .string("Enter a valid email address")
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address").max(254, "Email must be at most 254 characters")),
  name: z
    .string()
    .trim()
    .max(100, "Name must be at most 100 characters")
    .optional()
    .transform((name) => name || null),
  role: roleSchema,
};

export const addUserSchema = z.discriminatedUnion(
  "access",
  [
    z.object({ ...newUserFields, access: z.literal("password"), password: passwordSchema }),
    z.object({ ...newUserFields, access: z.literal("invite") }),
  ],
  { error: "Choose an initial password or an invite link" },
);

export type AddUserInput = z.input<typeof addUserSchema>;

export const acceptInviteSchema = z.object({ token: z.string(), password: passwordSchema });
