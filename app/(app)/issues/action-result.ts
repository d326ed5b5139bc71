// How server actions answer: expected refusals (AppError) as { ok: false, error } for the UI to show
// and roll back; anything else throws. Not a "use server" module, so both action files can share it.
import { AppError } from "@/lib/errors";

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string };

export async function attempt<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.publicMessage };
    throw error;
  }
}
