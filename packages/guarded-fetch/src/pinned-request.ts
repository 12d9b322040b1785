import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { bareHostname, effectivePort, type ResolvedAddress } from "./address-policy.js";

export interface PinnedRequest {
  url: URL;
  /** The already-checked addresses; the socket connects to one of these and nothing else. */
  addresses: readonly ResolvedAddress[];
  headers: Record<string, string>;
  signal: AbortSignal;
}

/**
 * Sends a GET with node's http/https client, whose `lookup` hook answers with the checked
 * addresses instead of asking DNS again. The TLS name (SNI and certificate check) and the Host
 * header still come from the URL. Redirects are not followed here (node's client never does).
 */
export function sendPinned({ url, addresses, headers, signal }: PinnedRequest) {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(
      {
        method: "GET",
        protocol: url.protocol,
        hostname: bareHostname(url),
        port: effectivePort(url),
        path: `${url.pathname}${url.search}`,
        headers,
        signal,
        agent: false, // no pooled sockets: every request connects to the address checked for it
        lookup: pinnedLookup(addresses),
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0]!;
    if (options.all) callback(null, [...addresses]);
    else callback(null, first.address, first.family);
  };
}

/** Reads the body, stopping (and closing the connection) as soon as it passes `maxBytes`. */
export async function readLimited(
  res: IncomingMessage,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  if (Number(res.headers["content-length"]) > maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      res.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
