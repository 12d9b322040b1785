import { badRequest, readBodyLimited, unsupportedMediaType } from "@avala/http-middleware";

/**
 * Reads a form body (urlencoded or multipart) with a hard limit on the bytes received: a
 * declared Content-Length over the limit is refused at once, otherwise bytes are counted as they
 * arrive.
 */
export async function readForm(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    throw unsupportedMediaType("Send the form as a web form.");
  }
  // 413 past the limit: a declared Content-Length at once, else while the bytes stream in.
  const body = await readBodyLimited(request, maxBytes);
  try {
    return await new Request("http://form.invalid/", {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type")! },
      body,
    }).formData();
  } catch {
    throw badRequest("The form could not be read.");
  }
}

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
