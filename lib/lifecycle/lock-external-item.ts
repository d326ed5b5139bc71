// Serialises all work on one external item (creation, lifecycle events) across processes.
import type { Prisma } from "../generated/prisma/client";

export async function lockExternalItem(
  tx: Prisma.TransactionClient,
  source: string,
  externalId: string,
): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`${source}:${externalId}`}))`;
}
