/**
 * Proves, before any suite runs, that loopback-guard.cjs holds in a process started the way the
 * suites are (NODE_OPTIONS=--require loopback-guard.cjs). Prints one JSON line
 * `{ ok, checks }` and exits 0 only when every check holds. Safe when the guard is missing or
 * broken: the only non-loopback address it connects to is this machine's own interface
 * address (the kernel keeps such a connection on the host), and a host name is looked up or
 * fetched only once `dns.lookup` is shown to be the guard's stub (so no DNS query ever leaves).
 */
"use strict";

const dns = require("node:dns");
const http = require("node:http");
const net = require("node:net");
const os = require("node:os");

function connectOutcome(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3000, () => socket.destroy(new Error("timeout")));
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error) => resolve(error.code ?? error.message));
  });
}

function ownAddress() {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const entry of list ?? []) {
      if (entry.family === "IPv4" && !entry.internal && !entry.address.startsWith("127.")) {
        return entry.address;
      }
    }
  }
  return undefined;
}

async function main() {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  const checks = {};
  const text = (url) =>
    fetch(url)
      .then((r) => r.text())
      .catch((error) => String(error.cause?.code ?? error));
  checks.loopbackAllowed = (await text(`http://127.0.0.1:${port}/`)) === "ok";
  checks.localhostAllowed = (await text(`http://localhost:${port}/`)) === "ok";
  const own = ownAddress();
  checks.otherAddressRefused =
    own === undefined || (await connectOutcome(own, port)) === "ECONNREFUSED_LOOPBACK_ONLY";
  // A name is looked up only once `dns.lookup` is known to be the stub: never a real query.
  checks.dnsStubbed = dns.lookup.name === "stubbedLookup";
  if (checks.dnsStubbed) {
    const lookup = await new Promise((resolve) =>
      dns.lookup("conformance-check.invalid", (error) => resolve(error?.message ?? "resolved")),
    );
    checks.dnsStubbed = lookup.includes("loopback-guard");
  }
  if (checks.dnsStubbed) {
    const code = await text("http://conformance-check.invalid/");
    checks.namesRefused = code === "ECONNREFUSED_LOOPBACK_ONLY";
  } else {
    checks.namesRefused = false;
  }
  server.close();
  const ok = Object.values(checks).every(Boolean);
  process.stdout.write(`${JSON.stringify({ ok, checks })}\n`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
  process.exitCode = 1;
});
