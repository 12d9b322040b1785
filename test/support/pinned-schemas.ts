/**
 * The 1EdTech Open Badges 3.0 JSON Schemas, as `fetch` answers, from contexts/schemas (the
 * published files, pinned by sha256 in contexts/manifest.json). A verifier that fetches them by
 * URL (DCC's verifier-core does, to check OB credentials) gets the published bytes without the
 * network; every other request goes to the real `fetch`, which here reaches loopback only.
 */
import { readFileSync } from "node:fs";

const contextsDir = new URL("../../contexts/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", contextsDir), "utf8")) as {
  schemas: Array<{ url: string; file: string }>;
};
const schemas = new Map(manifest.schemas.map((s) => [s.url, new URL(s.file, contextsDir)]));

/** The schema URLs answered from the pinned copies (in order). */
export const schemaFetches: string[] = [];

const realFetch = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const file = schemas.get(url);
  if (!file) return realFetch(input, init);
  schemaFetches.push(url);
  return new Response(readFileSync(file), {
    headers: { "content-type": "application/schema+json" },
  });
};

export function restoreSchemaFetch(): void {
  globalThis.fetch = realFetch;
}
