import { badRequest, payloadTooLarge, unsupportedMediaType } from "@avala/http-middleware";

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
  const tooLarge = () => payloadTooLarge(`The form is larger than ${maxBytes} bytes.`);
  if (Number(request.headers.get("content-length")) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = Buffer.concat(chunks);
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
