/**
 * Import this module first: from then on this process connects to loopback only. Every other
 * connection is refused before it starts (`Socket#connect` throws) and every host name but
 * `localhost` fails to resolve, so a library that tries the network (a context, a DID document,
 * a JSON Schema) fails instead of reaching anything. What was refused is recorded, so a test can
 * name it.
 */
import dns from "node:dns";
import net from "node:net";

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost"]);

/** Hosts this process tried to reach and was refused (in order, repeats kept). */
export const refusedHosts: string[] = [];

function notFound(hostname: string): NodeJS.ErrnoException {
  refusedHosts.push(hostname);
  const error: NodeJS.ErrnoException = new Error(
    `getaddrinfo ENOTFOUND ${hostname} (test: loopback only)`,
  );
  error.code = "ENOTFOUND";
  return error;
}

function targetHost(args: unknown[]): string | undefined {
  // net.connect passes its normalised [options, callback] pair as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return typeof args[1] === "string" ? args[1] : "localhost";
  }
  if (typeof first === "string") return undefined; // a local (Unix) socket path
  const options = first as net.TcpNetConnectOpts & { path?: string };
  if (options?.path !== undefined) return undefined;
  return options?.host ?? "localhost";
}

const realConnect = net.Socket.prototype.connect;

function loopbackConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const host = targetHost(args);
  if (host !== undefined && !loopbackHosts.has(host)) {
    refusedHosts.push(host);
    throw new Error(`test: refused a connection to ${host} (loopback only)`);
  }
  return Reflect.apply(realConnect, this, args) as net.Socket;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

function loopbackLookup(hostname: string, options: unknown, callback?: LookupCallback): void {
  const done = (typeof options === "function" ? options : callback) as LookupCallback;
  const all = typeof options === "object" && options !== null && "all" in options && options.all;
  const family = net.isIP(hostname);
  if (hostname === "localhost" || (family !== 0 && loopbackHosts.has(hostname))) {
    const address = hostname === "localhost" ? "127.0.0.1" : hostname;
    const found = family === 6 ? 6 : 4;
    process.nextTick(() =>
      all ? done(null, [{ address, family: found }]) : done(null, address, found),
    );
    return;
  }
  const error = notFound(hostname);
  process.nextTick(() => done(error, all ? [] : ""));
}

const real = { connect: realConnect, lookup: dns.lookup, promisesLookup: dns.promises.lookup };

net.Socket.prototype.connect = loopbackConnect as typeof net.Socket.prototype.connect;
dns.lookup = loopbackLookup as typeof dns.lookup;
dns.promises.lookup = (async (hostname: string) => {
  if (hostname === "localhost") return { address: "127.0.0.1", family: 4 };
  if (loopbackHosts.has(hostname)) return { address: hostname, family: net.isIP(hostname) };
  throw notFound(hostname);
}) as typeof dns.promises.lookup;

/** Puts the real `Socket#connect` and DNS look-ups back (when the file's tests are done). */
export function restoreNetwork(): void {
  net.Socket.prototype.connect = real.connect;
  dns.lookup = real.lookup;
  dns.promises.lookup = real.promisesLookup;
}
