import { readBodyLimited } from "@avala/http-middleware";
import { walletProblem } from "./problems.js";

/**
 * Reads a form body (urlencoded or multipart) with a hard limit on the bytes received: a
 * declared Content-Length over the limit is refused at once, otherwise bytes are counted as they
 * arrive.
 */
export async function readForm(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    throw walletProblem(415, "wallet.problem.form-type");
  }
  // 413 past the limit: a declared Content-Length at once, else while the bytes stream in (its
  // English detail is replaced by the catalogue's when answered, see problems.ts).
  const body = await readBodyLimited(request, maxBytes);
  try {
    return await new Request("http://form.invalid/", {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type")! },
      body,
    }).formData();
  } catch {
    throw walletProblem(400, "wallet.problem.form-unreadable");
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
