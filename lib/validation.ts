// Turns zod errors into one readable line naming each bad field.
import type { z } from "zod";

export function formatZodError(error: z.ZodError, pathPrefix: (string | number)[] = []): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [...pathPrefix, ...issue.path].map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
