/**
 * Loopback only: a Node preload (`node --require loopback-guard.cjs`) that refuses every
 * outgoing connection except to 127.0.0.0/8 and ::1, before any socket is opened.
 *
 * - `net.Socket.prototype.connect` (used by http, https, tls, undici/fetch) refuses any host
 *   that is not a loopback literal or `localhost`: the socket is destroyed with
 *   `ECONNREFUSED_LOOPBACK_ONLY` on the next tick, no connection is started.
 * - DNS is stubbed: `localhost` resolves to 127.0.0.1, an IP literal to itself, every other name
 *   fails with `ENOTFOUND` (no query leaves the machine).
 * - UDP sends to other addresses are refused.
 *
 * Each refusal is appended as one JSON line to the file named by `LOOPBACK_GUARD_LOG` (when
 * set), so a run can report which remote resources a test needed.
 *
 * Plain CommonJS on purpose: the W3C suites run on plain Node and mocha, and this file must load
 * before their code without a TypeScript loader. The conformance runner loads it too.
 */
"use strict";

const dns = require("node:dns");
const dgram = require("node:dgram");
const fs = require("node:fs");
const { syncBuiltinESMExports } = require("node:module");
const net = require("node:net");

const GUARD = Symbol.for("avala.loopbackGuard");

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped form. */
function isLoopbackAddress(address) {
  if (typeof address !== "string") return false;
  const bare = address.replace(/^\[|\]$/g, "");
  if (net.isIPv4(bare)) return bare.startsWith("127.");
  if (net.isIPv6(bare)) {
    const lower = bare.toLowerCase();
    if (lower === "::1" || lower === "0:0:0:0:0:0:0:1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped ? mapped[1].startsWith("127.") : false;
  }
  return false;
}

function isAllowedHost(host) {
  return host === "localhost" || isLoopbackAddress(host);
}

function record(kind, target) {
  const file = process.env.LOOPBACK_GUARD_LOG;
  if (!file) return;
  try {
    fs.appendFileSync(file, `${JSON.stringify({ kind, target, pid: process.pid })}\n`);
  } catch {
    // The log is a diagnostic aid; a failure to write it never lets a connection through.
  }
}

function refusal(target) {
  const error = new Error(`loopback-guard: connection to ${target} refused (loopback only)`);
  error.code = "ECONNREFUSED_LOOPBACK_ONLY";
  return error;
}

/** The destination of `socket.connect(...)` in every form Node accepts. */
function destinationOf(args) {
  const list = Array.isArray(args[0]) ? args[0] : args;
  const first = list[0];
  if (first && typeof first === "object") {
    if (typeof first.path === "string" && first.path) return { path: first.path };
    return { host: typeof first.host === "string" ? first.host : "localhost", port: first.port };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof list[1] === "string" ? list[1] : "localhost", port: first };
}

function lookupResult(hostname) {
  if (hostname === "localhost") return { address: "127.0.0.1", family: 4 };
  if (net.isIP(hostname)) return { address: hostname, family: net.isIP(hostname) };
  return undefined;
}

function notFound(hostname) {
  const error = new Error(`loopback-guard: no DNS for ${hostname} (loopback only)`);
  error.code = "ENOTFOUND";
  error.hostname = hostname;
  return error;
}

function stubbedLookup(hostname, options, callback) {
  const done = typeof options === "function" ? options : callback;
  const all = options && typeof options === "object" && options.all === true;
  const found = lookupResult(hostname);
  process.nextTick(() => {
    if (!found) {
      record("dns", hostname);
      done(notFound(hostname));
    } else if (all) done(null, [found]);
    else done(null, found.address, found.family);
  });
}

function refusedResolve(name, ...rest) {
  const done = rest.find((arg) => typeof arg === "function");
  record("dns", name);
  if (done) process.nextTick(() => done(notFound(name)));
}

function install() {
  if (globalThis[GUARD]) return;
  globalThis[GUARD] = true;

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = destinationOf(args);
    if (target.path || isAllowedHost(target.host)) return originalConnect.apply(this, args);
    const shown = `${target.host}:${target.port}`;
    record("connect", shown);
    process.nextTick(() => this.destroy(refusal(shown)));
    return this;
  };

  dns.lookup = stubbedLookup;
  dns.promises.lookup = (hostname, options) =>
    new Promise((resolve, reject) => {
      stubbedLookup(hostname, options ?? {}, (error, address, family) => {
        if (error) reject(error);
        else if (Array.isArray(address)) resolve(address);
        else resolve({ address, family });
      });
    });
  for (const name of Object.keys(dns)) {
    if (name.startsWith("resolve") && typeof dns[name] === "function") dns[name] = refusedResolve;
  }
  for (const name of Object.keys(dns.promises)) {
    if (name.startsWith("resolve") && typeof dns.promises[name] === "function") {
      dns.promises[name] = (hostname) => {
        record("dns", hostname);
        return Promise.reject(notFound(hostname));
      };
    }
  }

  const originalSend = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(...args) {
    const address = args.find((arg, i) => i > 0 && typeof arg === "string");
    if (address === undefined || isAllowedHost(address)) return originalSend.apply(this, args);
    record("udp", address);
    const done = args.find((arg) => typeof arg === "function");
    if (done) process.nextTick(() => done(refusal(address)));
    return undefined;
  };
  // `import { lookup } from "node:dns/promises"` binds once: let ES modules see the stubs too.
  syncBuiltinESMExports();
}

install();

module.exports = { install, isLoopbackAddress };
