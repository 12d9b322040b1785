/**
 * An https front on 127.0.0.1 that forwards every request, unchanged, to a plain-http service on
 * loopback. Why: the W3C suites send the endpoint's configured headers (our Bearer token) only
 * on https endpoints; some of them post to http endpoints with a bare `http.request` that drops
 * them; and the status list suite loads status lists over https only. The certificate is a
 * throw-away self-signed one made with the `openssl` command (the suites' https agent does not
 * check certificates; Avala's verifier trusts it through NODE_EXTRA_CA_CERTS).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer, type Server } from "node:https";
import { join } from "node:path";

/** One request through the front and the service's answer (bodies cut at `MAX_RECORDED`). */
export interface Exchange {
  at: string;
  method: string;
  path: string;
  requestBody: string;
  status: number;
  responseBody: string;
}

const MAX_RECORDED = 64 * 1024;

function collector() {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk: Buffer) {
      if (size >= MAX_RECORDED) return;
      chunks.push(chunk);
      size += chunk.length;
    },
    text: () => Buffer.concat(chunks).subarray(0, MAX_RECORDED).toString("utf8"),
  };
}

export interface TlsFront {
  /** https://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export interface Certificate {
  key: Buffer;
  cert: Buffer;
}

const KEY_FILE = "tls-key.pem";
const CERT_FILE = "tls-cert.pem";

/**
 * Writes a self-signed P-256 certificate for 127.0.0.1, valid one day, into `dir`; returns the
 * certificate's file (for NODE_EXTRA_CA_CERTS, so Avala's verifier trusts the issuer's front).
 */
export function writeSelfSignedCertificate(dir: string): string {
  const certFile = join(dir, CERT_FILE);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      join(dir, KEY_FILE),
      "-out",
      certFile,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  return certFile;
}

export function readCertificate(dir: string): Certificate {
  return { key: readFileSync(join(dir, KEY_FILE)), cert: readFileSync(join(dir, CERT_FILE)) };
}

/**
 * Starts the front for `target` (an http origin on loopback). `record`, when given, receives
 * every exchange (headers are not recorded: the Bearer token stays out of the logs).
 */
export function startTlsFront(
  target: string,
  certificate: Certificate,
  record?: (exchange: Exchange) => void,
): Promise<TlsFront> {
  const backend = new URL(target);
  const server: Server = createServer(certificate, (incoming, outgoing) => {
    const sent = collector();
    const answered = collector();
    incoming.on("data", (chunk: Buffer) => sent.add(chunk));
    const forwarded = httpRequest(
      {
        host: backend.hostname,
        port: backend.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: backend.host },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.on("data", (chunk: Buffer) => answered.add(chunk));
        response.on("end", () =>
          record?.({
            at: new Date().toISOString(),
            method: incoming.method ?? "",
            path: incoming.url ?? "",
            requestBody: sent.text(),
            status: response.statusCode ?? 0,
            responseBody: answered.text(),
          }),
        );
        response.pipe(outgoing);
      },
    );
    forwarded.on("error", (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end(`tls-front: ${error.message}`);
    });
    incoming.pipe(forwarded);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        url: `https://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
