// Turns zod errors into one readable line naming each bad field.
import type { z } from "zod";
import { AppError } from "./errors";

export function formatZodError(error: z.ZodError, pathPrefix: (string | number)[] = []): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [...pathPrefix, ...issue.path].map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

export interface InputIssue {
  path: string;
  message: string;
}

/** Bad caller input: a 400 whose message names each bad field, with the issues as data too. */
export class InvalidInputError extends AppError {
  constructor(readonly issues: InputIssue[]) {
    super(
      "bad_request",
      issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; "),
    );
  }
}

/** Parses `value` with `schema`, or throws InvalidInputError naming each bad field (zod issue path + message). */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidInputError(
    result.error.issues
      .slice(0, 10)
      .map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  );
}

/** One field's failure found after parsing (a missing reference, an inconsistent combination). */
export function invalidField(path: string, message: string): InvalidInputError {
  return new InvalidInputError([{ path, message }]);
}

/**
 * The longest id a sender may give us (a Sentry issue id, a Jira key, a delivery identifier): ids
 * become keys of unique indexes, whose entries PostgreSQL caps at about 2.7 kB. Real ones are short.
 */
export const MAX_ID_LENGTH = 200;
export const tooLongId = `must be at most ${MAX_ID_LENGTH} characters`;

/** A server action's string argument as sent: anything else (a hostile client's object, number, null) is "". */
export const textArgument = (value: unknown): string => (typeof value === "string" ? value : "");
