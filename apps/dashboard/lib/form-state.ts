/** A mutation's payload error, as every payload in the schema returns them. */
export interface PayloadError {
  code: string;
  message: string;
  /** Path inside `input`, e.g. ["participants", "0", "organizationId"]. */
  field?: readonly string[] | null;
}

/**
 * What a form shows after a submission: errors beside the fields they name (keyed by the
 * field path joined with ".", which is also the input's `name`), and errors about the whole form.
 */
export interface FormErrors {
  fieldErrors: Record<string, string>;
  formErrors: string[];
}

export const NO_ERRORS: FormErrors = { fieldErrors: {}, formErrors: [] };

/** What a one-button form (revoke, pin, delete) shows after it was pressed: nothing, or why it failed. */
export interface ActionState {
  error: string | null;
}

/**
 * Sorts payload errors into field and form errors. `inputNameOf` maps an error's field path
 * to the form input showing it, or to null when the form has no such input.
 */
export function formErrorsOf(
  errors: readonly PayloadError[],
  inputNameOf: (fieldPath: string) => string | null = (fieldPath) => fieldPath,
): FormErrors {
  const result: FormErrors = { fieldErrors: {}, formErrors: [] };
  for (const error of errors) {
    const name = error.field?.length ? inputNameOf(error.field.join(".")) : null;
    if (name && !result.fieldErrors[name]) {
      result.fieldErrors[name] = error.message;
    } else {
      result.formErrors.push(error.message);
    }
  }
  return result;
}

/** A text field of a submitted form, trimmed. */
export function textOf(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** Stands in for the dashboard's own origin while a return path is resolved. */
const OWN_ORIGIN = "http://dashboard.invalid";

/**
 * A path on the dashboard to return to after a form, never another site. The path is resolved
 * as a browser would (which drops tabs and newlines and reads `\\` as `/`, so `/%09/evil.example`
 * means `//evil.example`) and kept only if it stays on the dashboard's origin.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/"): string {
  if (!value?.startsWith("/")) return fallback;
  const resolved = URL.parse(value, OWN_ORIGIN);
  return resolved?.origin === OWN_ORIGIN ? resolved.pathname + resolved.search + resolved.hash : fallback;
}
