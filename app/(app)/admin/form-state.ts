// How the admin console's server actions answer a form: field errors from the zod issue paths (shown
// beside the field at fault), a form-level error for other refusals, or success with a result. Not a
// "use server" module, so every action file shares it.
import { fieldOfPath } from "@/lib/admin/form-input";
import { AppError } from "@/lib/errors";
import { InvalidInputError } from "@/lib/validation";

export interface FormState<R = undefined> {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What the admin typed, put back after a refusal (secrets never). */
  values?: Record<string, string>;
  result?: R;
  /** Changes on every success, so a form can reset or close. */
  savedAt?: number;
}

const SECRET_FIELDS = new Set(["token", "webhookSecret", "githubToken", "glitchtipToken", "url"]);

function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !SECRET_FIELDS.has(name) && !name.startsWith("$")) values[name] = value;
  }
  return values;
}

export async function formAttempt<R>(formData: FormData, work: () => Promise<R>): Promise<FormState<R>> {
  try {
    return { result: await work(), savedAt: Date.now() };
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const fieldErrors: Record<string, string> = {};
      const general: string[] = [];
      for (const issue of error.issues) {
        const field = fieldOfPath(issue.path);
        if (field) fieldErrors[field] ??= issue.message;
        else general.push(issue.message);
      }
      return {
        fieldErrors,
        error: general.length > 0 ? general.join("; ") : "Check the highlighted fields",
        values: typedValues(formData),
      };
    }
    if (error instanceof AppError) return { error: error.publicMessage, values: typedValues(formData) };
    throw error;
  }
}
