/**
 * Whether a URL is safe to put in a credential or a page as a link a person may follow: https,
 * or http to a loopback host (a development set-up). Never `javascript:`, `data:text/html`,
 * `file:` or any other scheme a browser or another wallet might act on. With `image`, a
 * `data:` URL of a raster or SVG image is allowed too (OB 3.0 images are often embedded).
 */
export function isWebLink(value: string, options: { image?: boolean } = {}): boolean {
  if (options.image && /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/i.test(value)) {
    return true;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:") return url.hostname !== "";
  return url.protocol === "http:" && isLoopbackHost(url.hostname);
}

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** Properties whose value (a string, or an object's `id`) a page shows as a link or an image. */
const LINK_PROPERTIES = new Set(["url", "targetUrl", "image", "criteria", "evidence", "homepage"]);

/** An identifier that names without linking (`urn:uuid:…`, a DID): fine for an object's id. */
function isNameOnly(value: string): boolean {
  return /^(urn|did):[a-z0-9]/i.test(value);
}

/**
 * The JSON path of the first link in a credential that is not a web link (`isWebLink`), if
 * any: `url`, `targetUrl`, `homepage`, `image` (a data: image allowed), and the `id` of
 * `image`, `criteria` and `evidence` objects (which may also be a `urn:` or a DID, names that
 * no page turns into a link), at any depth. The walk is bounded by the caller's depth limit on
 * the document.
 */
export function firstNonWebLink(value: unknown, path = ""): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonWebLink(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (LINK_PROPERTIES.has(key)) {
      const image = key === "image";
      for (const [i, item] of (Array.isArray(child) ? child : [child]).entries()) {
        const itemPath = Array.isArray(child) ? `${at}[${i}]` : at;
        if (typeof item === "string" && key !== "criteria" && key !== "evidence") {
          if (!isWebLink(item, { image })) return itemPath;
        } else if (item && typeof item === "object") {
          const id = (item as { id?: unknown }).id;
          if (typeof id === "string" && !isWebLink(id, { image }) && !isNameOnly(id)) {
            return `${itemPath}.id`;
          }
        }
      }
    }
    const found = firstNonWebLink(child, at);
    if (found !== undefined) return found;
  }
  return undefined;
}
