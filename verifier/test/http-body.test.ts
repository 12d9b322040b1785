// Loopback only: every other connection is refused before it starts (Socket#connect).
import "../../test/support/loopback-only.js";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningVerifier } from "../src/index.js";
import { loadConfig, startVerifier } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

/**
 * JSON bodies over real HTTP (`@hono/node-server`), where `jsonBody` reads the Node request
 * itself: the same limits and answers as through a `Request` stream.
 */
let world: FixtureWorld;
let verifier: RunningVerifier;

beforeAll(async () => {
  world = await createFixtureWorld();
  verifier = await startVerifier(
    loadConfig({
      VERIFIER_PORT: "0",
      VERIFIER_HOST: "127.0.0.1",
      VERIFIER_PUBLIC_URL: "http://verifier.test",
      AVALA_FETCH_ALLOW_HOSTS: world.server.host,
      VERIFIER_RATE_LIMIT: "1000",
    }),
    { guardedFetch: world.guardedFetch(), now: () => world.now },
  );
});

afterAll(async () => {
  await verifier?.close();
  await world?.server.close();
});

/** POSTs `chunks` to /credentials/verify, chunked (no Content-Length) unless `length` is set. */
function post(chunks: string[], length?: number): Promise<{ status: number; body: string }> {
  const url = new URL(`${verifier.url}/credentials/verify`);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": "application/json" };
    if (length !== undefined) headers["content-length"] = length;
    const req = request(url, { method: "POST", headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", (error) => {
      // The server may close the connection once it has answered a body over the limit.
      if ((error as NodeJS.ErrnoException).code === "EPIPE") return;
      reject(error);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const codeOf = (body: string) => (JSON.parse(body) as { code?: string }).code;

describe("JSON bodies over HTTP", () => {
  it("a credential sent in pieces is read whole and verified", async () => {
    const { credential } = await world.issue({ issuer: world.stranger });
    const text = JSON.stringify({ verifiableCredential: credential });
    const pieces = [text.slice(0, 100), text.slice(100, 1000), text.slice(1000)];
    const answer = await post(pieces);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ verified: true });
  });

  it("too large: 413, declared or streamed", async () => {
    const big = "x".repeat(3 * 1024 * 1024);
    const declared = await post([], big.length + 20);
    expect([declared.status, codeOf(declared.body)]).toEqual([413, "verifier.problem.too-large"]);
    const streamed = await post(['{"a":"', ...Array(3).fill(big.slice(0, 1024 * 1024)), '"}']);
    expect([streamed.status, codeOf(streamed.body)]).toEqual([413, "verifier.problem.too-large"]);
  });

  it("malformed JSON: 400; a lone surrogate: 422; a surrogate pair: read", async () => {
    const malformed = await post(['{"verifiableCredential": ']);
    expect([malformed.status, codeOf(malformed.body)]).toEqual([
      400,
      "verifier.problem.malformed-body",
    ]);
    const lone = await post(['{"verifiableCredential": {"name": "\\ud800"}}']);
    expect([lone.status, codeOf(lone.body)]).toEqual([422, "request.text.lone-surrogate"]);
    const pair = await post(['{"verifiableCredential": {"name": "\\ud83d\\ude00"}}']);
    expect(pair.status).toBe(400);
    expect(codeOf(pair.body)).not.toBe("request.text.lone-surrogate");
  });
});
