import type { MessageKey } from "@avala/i18n";
import type { z } from "zod/v4";

/** Field path (`name.es`) → the message that explains what is wrong with it. */
export type FormErrors = Record<string, MessageKey>;

/**
 * A schema's issues as messages a person can act on, one per field, in the catalogue's words
 * (zod's own messages are English and written for programmers). `overrides` gives a field its
 * own message for a format problem (a code's allowed characters, for instance).
 */
export function formErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  overrides: Record<string, MessageKey> = {},
): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (errors[path]) continue;
    errors[path] = messageOf(issue, overrides[path]);
  }
  return errors;
}

function messageOf(issue: z.core.$ZodIssue, override: MessageKey | undefined): MessageKey {
  if (issue.code === "invalid_type" && issue.input === undefined) return "console.form.required";
  if (override) return override;
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" || issue.origin === "array"
        ? "console.form.required"
        : "console.form.range";
    case "too_big":
      return issue.origin === "string" ? "console.form.too-long" : "console.form.range";
    case "invalid_format":
      return issue.format === "email" ? "console.form.email" : "console.form.format";
    case "invalid_value":
      return "console.form.choose";
    case "custom":
      return "console.form.web-link";
    default:
      return "console.form.format";
  }
}

/** A form's text value, or undefined when empty (optional fields are left out, not ""). */
export function optionalText(form: FormData, name: string, max = 2000): string | undefined {
  const value = form.get(name);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim().slice(0, max);
  return trimmed === "" ? undefined : trimmed;
}

/** A form's whole-number value, undefined when empty; NaN when it is not a number. */
export function optionalInteger(form: FormData, name: string): number | undefined {
  const text = optionalText(form, name, 20);
  if (text === undefined) return undefined;
  return /^-?\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

/** `{ es, en? }` from two fields (`name_es`, `name_en`), or undefined when both are empty. */
export function localizedField(
  form: FormData,
  name: string,
  max = 2000,
): { es: string; en?: string } | undefined {
  const es = optionalText(form, `${name}_es`, max);
  const en = optionalText(form, `${name}_en`, max);
  if (es === undefined && en === undefined) return undefined;
  return en === undefined ? { es: es ?? "" } : { es: es ?? "", en };
}
