// The person making a change must still exist: a session can outlive its user (deleted meanwhile), and
// their id as actor would then fail on a foreign key instead of saying why.
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

export interface Editor {
  userId: string;
}

export async function assertEditorExists(tx: Prisma.TransactionClient, editor: Editor): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: editor.userId }, select: { id: true } });
  if (!user) throw new AppError("unauthorized", "Your account no longer exists; sign in again");
}
