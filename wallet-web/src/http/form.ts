/** A text field, trimmed and cut to `max` characters; "" when absent or a file. */
export function field(form: FormData, name: string, max = 1000): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}

/** Every text value of a repeated field (checkboxes), at most `maxCount`. */
export function fields(form: FormData, name: string, maxCount = 100, max = 200): string[] {
  return form
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .slice(0, maxCount)
    .map((v) => v.trim().slice(0, max))
    .filter(Boolean);
}
