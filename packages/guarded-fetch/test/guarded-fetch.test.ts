import { createServer, type IncomingMessage, Server, type ServerResponse } from "node:http";
import net from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  budgetedFetch,
  createFetchBudget,
  createGuardedFetch,
  GuardedFetchError,
  type GuardedFetchErrorCode,
  type LookupFn,
} from "../src/index.js";

// Every server here listens on 127.0.0.1, and every test sends traffic only there. Other addresses
// are simulated with an injected `lookup` or written as literals, and must be refused before any
// socket connects. A tripwire on net.Socket#connect enforces this even if the guard breaks: it
// counts connections and blocks any whose address is not 127.0.0.1, so a regression fails a test
// instead of sending traffic elsewhere.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const closers: Array<() => Promise<void>> = [];

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    if (server instanceof Server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as net.AddressInfo).port;
}

/** An HTTP server on 127.0.0.1 that counts requests; `origin` is allow-listed in `client()`. */
async function serve(handler: Handler) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    handler(req, res);
  });
  const port = await listen(server);
  return { port, origin: `http://127.0.0.1:${port}`, seen };
}

function json(body: unknown): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
}

function redirectTo(location: (req: IncomingMessage) => string): Handler {
  return (req, res) => {
    res.writeHead(302, { location: location(req) });
    res.end();
  };
}

function fixedLookup(...addresses: string[]): LookupFn {
  return async () => addresses.map((address) => ({ address, family: net.isIP(address) }));
}

async function failure(promise: Promise<unknown>): Promise<GuardedFetchError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the fetch to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GuardedFetchError);
  return error as GuardedFetchError;
}

async function expectCode(promise: Promise<unknown>, code: GuardedFetchErrorCode) {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  return error;
}

type ConnectArgs = Parameters<net.Socket["connect"]>;
type LookupCallback = Parameters<net.LookupFunction>[2];
const realConnect = net.Socket.prototype.connect;

function loopbackOnly(this: net.Socket, ...args: ConnectArgs): net.Socket {
  // net.createConnection passes its normalized [options, callback] pair as the first argument.
  const first: unknown = args[0];
  const options = (Array.isArray(first) ? first[0] : first) as net.TcpNetConnectOpts;
  const host = options.host ?? "localhost";
  if (net.isIP(host) !== 0 && host !== "127.0.0.1") {
    throw new Error(`test tripwire: blocked a connection to ${host}`);
  }
  const lookup = options.lookup;
  if (net.isIP(host) === 0) {
    if (lookup === undefined) throw new Error(`test tripwire: unpinned lookup of ${host}`);
    options.lookup = (hostname, lookupOptions, callback) =>
      lookup(hostname, lookupOptions, ((error, address, family) => {
        const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
        if (addresses.some((a) => a !== "127.0.0.1")) {
          callback(new Error(`test tripwire: blocked a connection to ${addresses.join(", ")}`), "");
        } else callback(error, address, family);
      }) as LookupCallback);
  }
  return realConnect.apply(this, args);
}

let connect: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  connect = vi.spyOn(net.Socket.prototype, "connect").mockImplementation(loopbackOnly);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("allowed hosts", () => {
  it("fetches JSON and bytes from an allow-listed loopback host over http", async () => {
    const { port, origin } = await serve(json({ id: "did:web:example.org" }));
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    await expect(fetcher.fetchJson(`${origin}/did.json`)).resolves.toEqual({
      id: "did:web:example.org",
    });
    const { bytes, contentType } = await fetcher.fetchBytes(`${origin}/did.json`);
    expect(new TextDecoder().decode(bytes)).toBe('{"id":"did:web:example.org"}');
    expect(contentType).toBe("application/json");
  });

  it("connects to the address it checked, not to a second DNS answer", async () => {
    const { port } = await serve(json({ ok: true }));
    const lookup = vi.fn(fixedLookup("127.0.0.1"));
    // "issuer.test" does not exist in real DNS: the request can only work if the socket uses
    // the address returned by the injected lookup.
    const fetcher = createGuardedFetch({ allowHosts: [`issuer.test:${port}`], lookup });
    await expect(fetcher.fetchJson(`http://issuer.test:${port}/`)).resolves.toEqual({ ok: true });
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it("sends Accept, and a per-request Accept overrides it", async () => {
    const accepts: Array<string | undefined> = [];
    const { port, origin } = await serve((req, res) => {
      accepts.push(req.headers.accept);
      json({})(req, res);
    });
    const fetcher = createGuardedFetch({
      allowHosts: [`127.0.0.1:${port}`],
      accept: "application/ld+json",
    });
    await fetcher.fetchJson(origin);
    await fetcher.fetchJson(origin, { accept: "application/did+json" });
    expect(accepts).toEqual(["application/ld+json", "application/did+json"]);
  });

  it("an allow-list entry with a port does not allow other ports", async () => {
    const { origin } = await serve(json({}));
    const fetcher = createGuardedFetch({ allowHosts: ["127.0.0.1:1"], allowHttp: true });
    await expectCode(fetcher.fetchJson(origin), "host-not-allowed");
  });
});

describe("refused before any connection", () => {
  const literals = [
    "http://127.0.0.1/",
    "http://127.1.2.3:8080/",
    "http://2130706433/", // 127.0.0.1 in decimal
    "http://0x7f.0.0.1/",
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a00:1]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[ff02::1]/",
    "http://[64:ff9b::a00:1]/",
    "https://10.0.0.1/",
  ];
  it.each(literals)("refuses the literal address in %s", async (url) => {
    const lookup = vi.fn(fixedLookup("93.184.215.14"));
    const fetcher = createGuardedFetch({ allowHttp: true, lookup });
    await expectCode(fetcher.fetchJson(url), "host-not-allowed");
    expect(lookup).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
  });

  it.each([
    ["10.0.0.1"],
    ["127.0.0.1"],
    ["::1"],
    ["169.254.169.254"],
    ["::ffff:192.168.0.1"],
    ["93.184.215.14", "10.0.0.1"], // one private answer among public ones is enough to refuse
    ["not-an-address"],
  ])("refuses a host name that resolves to %s", async (...addresses) => {
    const fetcher = createGuardedFetch({ lookup: fixedLookup(...addresses) });
    const error = await expectCode(
      fetcher.fetchJson("https://evil.example/status/1"),
      "host-not-allowed",
    );
    expect(error.url).toBe("https://evil.example/status/1");
    expect(error.message).not.toContain(addresses[0]);
    expect(connect).not.toHaveBeenCalled();
  });

  it("refuses plain http unless allowed, without resolving the host", async () => {
    const lookup = vi.fn(fixedLookup("93.184.215.14"));
    const fetcher = createGuardedFetch({ lookup });
    await expectCode(fetcher.fetchJson("http://issuer.example/did.json"), "scheme-not-allowed");
    await expectCode(fetcher.fetchJson("ftp://issuer.example/x"), "scheme-not-allowed");
    await expectCode(fetcher.fetchJson("file:///etc/passwd"), "scheme-not-allowed");
    await expectCode(fetcher.fetchJson("data:application/json,{}"), "scheme-not-allowed");
    expect(lookup).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
  });

  it("refuses invalid URLs and URLs with credentials, without echoing the password", async () => {
    const fetcher = createGuardedFetch({ lookup: fixedLookup("93.184.215.14") });
    await expectCode(fetcher.fetchJson("not a url"), "url-invalid");
    const error = await expectCode(
      fetcher.fetchJson("https://alice:s3cret@issuer.example/x"),
      "url-invalid",
    );
    expect(error.url).toBe("https://issuer.example/x");
    expect(`${error.message} ${error.url}`).not.toContain("s3cret");
    expect(connect).not.toHaveBeenCalled();
  });

  it("reports DNS failures as dns-failed", async () => {
    const failing = createGuardedFetch({
      lookup: async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.example"), {
          code: "ENOTFOUND",
        });
      },
    });
    const error = await expectCode(failing.fetchJson("https://nowhere.example/"), "dns-failed");
    expect(error.message).not.toContain("getaddrinfo");
    const empty = createGuardedFetch({ lookup: fixedLookup() });
    await expectCode(empty.fetchJson("https://nowhere.example/"), "dns-failed");
  });
});

describe("size limits", () => {
  const maxBytes = 1024;

  it("refuses a body whose Content-Length is over the limit without reading it", async () => {
    const { port, origin } = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    });
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], maxBytes });
    await expectCode(fetcher.fetchBytes(origin), "too-large");
  });

  it("stops reading a body without Content-Length once it passes the limit", async () => {
    const server = net.createServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", () => {
        socket.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
        socket.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
      });
    });
    const port = await listen(server);
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], maxBytes });
    await expectCode(fetcher.fetchBytes(`http://127.0.0.1:${port}/`), "too-large");
  });

  it("never reads past a Content-Length that understates the body", async () => {
    const server = net.createServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", () => {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
        socket.end(Buffer.alloc(200_000, 0x20));
      });
    });
    const port = await listen(server);
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], maxBytes });
    const result = await fetcher.fetchBytes(`http://127.0.0.1:${port}/`).catch((e) => e);
    // node's HTTP parser stops at the declared length; the rest is never delivered as body.
    if (result instanceof GuardedFetchError) expect(result.code).toBe("network");
    else expect(result.bytes.byteLength).toBe(10);
  });

  it("aborts an endless chunked stream", async () => {
    let written = 0;
    const { port, origin } = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => {
        written += 4096;
        res.write(Buffer.alloc(4096, 0x20));
      }, 1);
      res.on("close", () => clearInterval(timer));
    });
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], maxBytes });
    await expectCode(fetcher.fetchJson(origin), "too-large");
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });
});

describe("time limits", () => {
  it("times out when the server never answers", async () => {
    const { port, origin } = await serve(() => {});
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], timeoutMs: 200 });
    const started = Date.now();
    await expectCode(fetcher.fetchJson(origin), "timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("times out when the body trickles in", async () => {
    const { port, origin } = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    });
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], timeoutMs: 200 });
    await expectCode(fetcher.fetchJson(origin), "timeout");
  });

  it("times out while DNS hangs", async () => {
    const fetcher = createGuardedFetch({ timeoutMs: 100, lookup: () => new Promise(() => {}) });
    await expectCode(fetcher.fetchJson("https://slow-dns.example/"), "timeout");
  });
});

describe("redirects", () => {
  it("follows a relative redirect on an allowed host", async () => {
    const { port, origin, seen } = await serve((req, res) =>
      req.url === "/old" ? redirectTo(() => "/new")(req, res) : json({ moved: true })(req, res),
    );
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    await expect(fetcher.fetchJson(`${origin}/old`)).resolves.toEqual({ moved: true });
    expect(seen).toEqual(["/old", "/new"]);
  });

  it("refuses a redirect to a private address before connecting to it", async () => {
    const { port, origin } = await serve(
      redirectTo(() => "http://169.254.169.254/latest/meta-data/"),
    );
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], allowHttp: true });
    const error = await expectCode(fetcher.fetchJson(origin), "host-not-allowed");
    expect(error.url).toBe("http://169.254.169.254/latest/meta-data/");
    expect(connect).toHaveBeenCalledTimes(1); // only the allow-listed first hop
  });

  it("refuses a redirect to a host name that resolves to loopback", async () => {
    const { port, origin } = await serve(redirectTo(() => `http://localhost:${port}/`));
    const fetcher = createGuardedFetch({
      allowHosts: [`127.0.0.1:${port}`],
      allowHttp: true,
      lookup: fixedLookup("127.0.0.1"),
    });
    await expectCode(fetcher.fetchJson(origin), "host-not-allowed");
  });

  it("refuses a redirect to plain http on a host that is not allow-listed", async () => {
    const { port, origin } = await serve(redirectTo(() => "http://public.example/"));
    const lookup = vi.fn(fixedLookup("93.184.215.14"));
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], lookup });
    await expectCode(fetcher.fetchJson(origin), "scheme-not-allowed");
    expect(lookup).not.toHaveBeenCalled();
  });

  it("stops after maxRedirects", async () => {
    const { port, origin, seen } = await serve(redirectTo((req) => req.url ?? "/"));
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], maxRedirects: 3 });
    await expectCode(fetcher.fetchJson(`${origin}/loop`), "too-many-redirects");
    expect(seen).toHaveLength(4);
  });
});

describe("responses", () => {
  it("treats a non-2xx status as an error", async () => {
    const { port, origin } = await serve((_req, res) => {
      res.writeHead(404);
      res.end("no");
    });
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    const error = await expectCode(fetcher.fetchJson(origin), "http-status");
    expect(error.status).toBe(404);
  });

  it("rejects a body that is not JSON", async () => {
    const { port, origin } = await serve((_req, res) => res.end("{not json"));
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    await expectCode(fetcher.fetchJson(origin), "invalid-json");
  });

  it("reports a refused connection as network, with no stack in the message", async () => {
    const { port } = await serve(json({}));
    await Promise.all(closers.splice(0).map((close) => close()));
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    const error = await expectCode(fetcher.fetchJson(`http://127.0.0.1:${port}/`), "network");
    expect(error.message).toBe(`Could not fetch from 127.0.0.1:${port}`);
  });
});

describe("cache", () => {
  it("answers a repeated fetchJson from the cache until the entry expires", async () => {
    const { port, origin, seen } = await serve(json({ n: 1 }));
    let now = 1_000;
    const fetcher = createGuardedFetch({
      allowHosts: [`127.0.0.1:${port}`],
      cacheTtlMs: 60_000,
      now: () => now,
    });
    const first = (await fetcher.fetchJson(origin)) as { n: number };
    first.n = 99; // a caller mutating its copy must not change the cached value
    await expect(fetcher.fetchJson(origin)).resolves.toEqual({ n: 1 });
    expect(seen).toHaveLength(1);
    now += 60_000;
    await fetcher.fetchJson(origin);
    expect(seen).toHaveLength(2);
  });

  it("does not cache without cacheTtlMs, nor failures", async () => {
    let calls = 0;
    const { port, origin } = await serve((req, res) =>
      ++calls === 1 ? res.end("{bad") : json({})(req, res),
    );
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    await expectCode(fetcher.fetchJson(origin), "invalid-json");
    await fetcher.fetchJson(origin);
    await fetcher.fetchJson(origin);
    expect(calls).toBe(3);
  });
});

describe("fetch budget", () => {
  it("charges every request, redirect hops included, and refuses once it is used up", async () => {
    const { port, origin, seen } = await serve((req, res) =>
      req.url === "/old" ? redirectTo(() => "/new")(req, res) : json({ path: req.url })(req, res),
    );
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    const budget = createFetchBudget(3);
    await expect(fetcher.fetchJson(`${origin}/old`, { budget })).resolves.toEqual({
      path: "/new",
    });
    expect(budget.used).toBe(2);
    await fetcher.fetchBytes(`${origin}/a`, { budget });
    expect(budget.used).toBe(3);
    connect.mockClear();
    const error = await expectCode(
      fetcher.fetchJson(`${origin}/b`, { budget }),
      "budget-exhausted",
    );
    expect(error.url).toBe(`${origin}/b`);
    expect(error.message).toBe("The budget of 3 requests for this work is used up");
    // A redirect that would need a fourth request is refused at that hop, not followed.
    const tight = createFetchBudget(1);
    await expectCode(fetcher.fetchJson(`${origin}/old`, { budget: tight }), "budget-exhausted");
    expect(budget.refused).toBe(1);
    expect(tight).toMatchObject({ used: 1, refused: 1 });
    expect(seen).toEqual(["/old", "/new", "/a", "/old"]);
    expect(connect).toHaveBeenCalledTimes(1); // the refused requests never connected
  });

  it("costs nothing for an answer from the cache", async () => {
    const { port, origin, seen } = await serve(json({ n: 1 }));
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`], cacheTtlMs: 60_000 });
    const budget = createFetchBudget(1);
    await fetcher.fetchJson(origin, { budget });
    await fetcher.fetchJson(origin, { budget });
    expect(budget).toMatchObject({ used: 1, refused: 0 });
    expect(seen).toHaveLength(1);
  });

  it("budgetedFetch: one budget for every call, each JSON URL fetched once per unit of work", async () => {
    let calls = 0;
    const { port, origin, seen } = await serve((req, res) => {
      if (req.url === "/broken") res.end("{bad");
      else json(req.url === "/list" ? { n: ++calls } : {})(req, res);
    });
    const fetcher = createGuardedFetch({ allowHosts: [`127.0.0.1:${port}`] });
    const budget = createFetchBudget(4);
    const work = budgetedFetch(fetcher, budget);
    const answers = await Promise.all([1, 2, 3].map(() => work.fetchJson(`${origin}/list`)));
    expect(answers).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    (answers[0] as { n: number }).n = 99; // each caller has its own copy
    await expect(work.fetchJson(`${origin}/list`)).resolves.toEqual({ n: 1 });
    // Another Accept is another request; a failure is shared, not retried.
    await work.fetchJson(`${origin}/list`, { accept: "application/did+json" });
    await expectCode(work.fetchJson(`${origin}/broken`), "invalid-json");
    await expectCode(work.fetchJson(`${origin}/broken`), "invalid-json");
    await work.fetchBytes(`${origin}/bytes`);
    expect(budget.used).toBe(4);
    await expectCode(work.fetchJson(`${origin}/more`), "budget-exhausted");
    await expectCode(work.fetchBytes(`${origin}/more`), "budget-exhausted");
    expect(budget.refused).toBe(2);
    expect(seen).toEqual(["/list", "/list", "/broken", "/bytes"]);
    // The next unit of work asks again: nothing outlives the one it was made for.
    await expect(
      budgetedFetch(fetcher, createFetchBudget(1)).fetchJson(`${origin}/list`),
    ).resolves.toEqual({ n: 3 });
    expect(seen).toHaveLength(5);
  });
});

describe("refused origins", () => {
  it("never fetches a refused origin, even allow-listed, on the first hop or a redirect", async () => {
    const own = await serve(json({ own: true }));
    const other = await serve(redirectTo(() => `${own.origin}/?url=x`));
    const fetcher = createGuardedFetch({
      allowHosts: [`127.0.0.1:${own.port}`, `127.0.0.1:${other.port}`],
      refuseOrigins: [`HTTP://127.0.0.1:${own.port}/some/page`],
    });
    const budget = createFetchBudget(5);
    const error = await expectCode(
      fetcher.fetchJson(`${own.origin}/?url=${encodeURIComponent(own.origin)}`, { budget }),
      "origin-refused",
    );
    expect(error.message).toBe(`${own.origin} is never fetched`);
    expect(connect).not.toHaveBeenCalled();
    expect(budget.used).toBe(0); // refused before it was charged
    await expectCode(fetcher.fetchJson(other.origin), "origin-refused");
    expect(own.seen).toEqual([]);
    expect(other.seen).toEqual(["/"]);
  });
});

describe("options", () => {
  it("throws on misuse", () => {
    expect(() => createGuardedFetch({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createGuardedFetch({ maxBytes: Number.NaN })).toThrow(TypeError);
    expect(() => createGuardedFetch({ allowHosts: ["http://x/"] })).toThrow(TypeError);
    expect(() => createGuardedFetch({ refuseOrigins: ["verify.example"] })).toThrow(TypeError);
    expect(() => createGuardedFetch({ refuseOrigins: ["ftp://verify.example"] })).toThrow(
      TypeError,
    );
    expect(() => createFetchBudget(0)).toThrow(TypeError);
    expect(() => createFetchBudget(1.5)).toThrow(TypeError);
  });
});

describe("test tripwire", () => {
  // 127.0.0.2 is loopback too, so checking the tripwire sends nothing off this machine.
  it("blocks connections to any address but 127.0.0.1, literal or looked up", async () => {
    const { port } = await serve(json({}));
    const literal = createGuardedFetch({ allowHosts: [`127.0.0.2:${port}`] });
    await expectCode(literal.fetchJson(`http://127.0.0.2:${port}/`), "network");
    const named = createGuardedFetch({
      allowHosts: [`pinned.test:${port}`],
      lookup: fixedLookup("127.0.0.2"),
    });
    await expectCode(named.fetchJson(`http://pinned.test:${port}/`), "network");
  });
});
