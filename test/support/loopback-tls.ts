/**
 * An https front on 127.0.0.1 for a plain-http service, with a certificate made for this run,
 * and this process's trust in that one certificate. did:web resolves over https only, so an
 * outside verifier can resolve a did:web issuer on loopback only through such a front.
 *
 * Trust is added by wrapping `tls.connect`: connections to 127.0.0.1 that name no CA of their
 * own get the system roots plus this certificate. Nothing else changes, and `close()` undoes it.
 */
import net from "node:net";
import tls from "node:tls";
import { generate } from "selfsigned";

export interface LoopbackTlsFront {
  /** The https origin, e.g. `https://127.0.0.1:43211`. */
  origin: string;
  port: number;
  /** Where plain connections go: set it once the service behind has its port. */
  target: { port: number };
  close(): Promise<void>;
}

export async function startLoopbackTlsFront(): Promise<LoopbackTlsFront> {
  const now = new Date();
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 24 * 3600_000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
  const target = { port: 0 };
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: pems.private, cert: pems.cert }, (client) => {
    const upstream = net.connect(target.port, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  const realConnect = tls.connect;
  const ca = [...tls.rootCertificates, pems.cert];
  const trustingConnect = (...args: unknown[]) => {
    const options = args[0];
    if (
      options &&
      typeof options === "object" &&
      (options as tls.ConnectionOptions).host === "127.0.0.1" &&
      (options as tls.ConnectionOptions).ca === undefined
    ) {
      args[0] = { ...(options as tls.ConnectionOptions), ca };
    }
    return Reflect.apply(realConnect, tls, args) as tls.TLSSocket;
  };
  tls.connect = trustingConnect as typeof tls.connect;

  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    target,
    async close() {
      tls.connect = realConnect;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
