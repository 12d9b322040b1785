import type { Credential, JsonObject } from "@avala/credentials";
import { signCredential } from "@avala/credentials";
import { createFetchBudget, createGuardedFetch } from "@avala/guarded-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithdrawal } from "../src/describe.js";
import { bannerState } from "../src/page/page.js";
import { readStatusNotice } from "../src/status-notice.js";
import {
  createFixtureWorld,
  type FixtureServer,
  type FixtureWorld,
  startFixtureServer,
} from "../src/testing.js";
import { type CredentialVerification, verify } from "../src/verify.js";

// A revoked or suspended credential's notice (its status entry's `statusReference`): read from
// the status list's own origin, within the verification's fetch budget, and only ever as data:
// unreachable, malformed, contradicting or foreign notices give no date and no reason, and never
// change the verdict. All on 127.0.0.1, real signatures and status lists.

let world: FixtureWorld;
let elsewhere: FixtureServer;

beforeAll(async () => {
  world = await createFixtureWorld();
  elsewhere = await startFixtureServer();
});

afterAll(async () => {
  await world?.server.close();
  await elsewhere?.close();
});

/** A fetcher that may reach both loopback servers (and no DNS name at all). */
function fetcher() {
  return createGuardedFetch({
    allowHosts: [world.server.host, elsewhere.host],
    timeoutMs: 3000,
    lookup: async () => {
      throw new Error("no DNS in this test");
    },
  });
}

/**
 * A credential of the ECE whose one entry is set on its list, re-signed with the entry's
 * `statusReference` at `reference(listUrl, index)`.
 */
async function withdrawn(
  purpose: "revocation" | "suspension",
  reference: (list: string, index: string) => string,
): Promise<{ credential: Credential; entry: JsonObject; url: string }> {
  const issued = await world.issue({ issuer: world.ece, statusPurposes: [purpose] });
  await world.setStatus(world.ece, purpose, issued.statusIndex!, true);
  const unsigned = structuredClone(issued.credential);
  delete unsigned.proof;
  const entry = unsigned.credentialStatus as JsonObject;
  const url = reference(entry.statusListCredential as string, entry.statusListIndex as string);
  entry.statusReference = url;
  const credential = await signCredential(unsigned, {
    key: world.ece.key,
    documentLoader: world.documentLoader,
  });
  return { credential, entry, url };
}

function noticeBody(entry: JsonObject, extra: JsonObject = {}): JsonObject {
  return {
    statusListCredential: entry.statusListCredential,
    statusListIndex: entry.statusListIndex,
    statusPurpose: entry.statusPurpose,
    status: entry.statusPurpose === "revocation" ? "revoked" : "suspended",
    since: "2027-03-12T16:05:00.000Z",
    reason: {
      code: "fraud",
      es: "Fraude o suplantación: documentos falsos",
      en: "Fraud or impersonation: documentos falsos",
    },
    ...extra,
  };
}

async function check(credential: Credential, budget = createFetchBudget(16)) {
  const result = (await verify(credential, {
    ...world.verifyOptions(),
    guardedFetch: fetcher(),
    fetchBudget: budget,
  })) as CredentialVerification;
  expect(result.kind).toBe("credential");
  return result;
}

describe("status notices", () => {
  it("reads the date and the public reason of a revocation from the list's origin", async () => {
    const { credential, entry, url } = await withdrawn("revocation", (l, i) => `${l}/entries/${i}`);
    world.server.serve(new URL(url).pathname, noticeBody(entry));
    const result = await check(credential);
    expect(result.verdict).toBe("invalid");
    expect(result.checks.find((c) => c.check === "status")?.code).toBe("status.revoked");
    expect(result.statusNotice).toEqual({
      status: "revoked",
      since: "2027-03-12T16:05:00.000Z",
      reason: {
        code: "fraud",
        es: "Fraude o suplantación: documentos falsos",
        en: "Fraud or impersonation: documentos falsos",
      },
      url,
    });
    // Still "revoked by the issuer", now with its date and reason, in both languages.
    expect(bannerState(result.verdict, result.checks)).toBe("revoked");
    expect(describeWithdrawal("revoked", result.statusNotice, "en")).toEqual({
      status: "revoked",
      heading: "Revoked by the issuer on 12 March 2027",
      since: { iso: "2027-03-12T16:05:00.000Z", text: "12 March 2027" },
      reason: "Reason given by the issuer: Fraud or impersonation: documentos falsos",
    });
    expect(describeWithdrawal("revoked", result.statusNotice, "es").heading).toBe(
      "Revocada por el emisor el 12 de marzo de 2027",
    );
  });

  it("a suspension's notice without a public reason gives the date only", async () => {
    const { credential, entry, url } = await withdrawn("suspension", (l, i) => `${l}/entries/${i}`);
    world.server.serve(new URL(url).pathname, noticeBody(entry, { reason: null }));
    const result = await check(credential);
    expect(result.checks.find((c) => c.check === "status")?.code).toBe("status.suspended");
    expect(result.statusNotice).toEqual({
      status: "suspended",
      since: "2027-03-12T16:05:00.000Z",
      url,
    });
    const es = describeWithdrawal("suspended", result.statusNotice, "es");
    expect(es.heading).toBe("Suspendida por el emisor el 12 de marzo de 2027");
    expect(es.reason).toBeUndefined();
  });

  it("never asks another origin than the status list's", async () => {
    const path = `/notices/${Math.random().toString(36).slice(2)}`;
    const { credential, entry } = await withdrawn("revocation", () => `${elsewhere.origin}${path}`);
    elsewhere.serve(path, noticeBody(entry));
    const result = await check(credential);
    expect(result.checks.find((c) => c.check === "status")?.code).toBe("status.revoked");
    expect(result.statusNotice).toBeUndefined();
    expect(elsewhere.requests).not.toContain(path);
    expect(bannerState(result.verdict, result.checks)).toBe("revoked");
  });

  it.each<[string, (entry: JsonObject) => unknown]>([
    ["not found", () => undefined],
    ["not JSON", () => "<html>revocada</html>"],
    ["about another index", (e) => noticeBody(e, { statusListIndex: "999999" })],
    ["about another list", (e) => noticeBody(e, { statusListCredential: "http://x.test/l" })],
    ["saying active", (e) => noticeBody(e, { status: "active" })],
    ["with a date that is not one", (e) => noticeBody(e, { since: "el martes" })],
    ["with a reason that is not words", (e) => noticeBody(e, { reason: { es: 42 } })],
    ["with a strange code", (e) => noticeBody(e, { reason: { code: "<b>", es: "x" } })],
  ])("a notice %s gives no date and no reason, and the verdict stands", async (_l, body) => {
    const { credential, entry, url } = await withdrawn("revocation", (l, i) => `${l}/entries/${i}`);
    const value = body(entry);
    if (value !== undefined) world.server.serve(new URL(url).pathname, value as string);
    const result = await check(credential);
    expect(result.statusNotice).toBeUndefined();
    expect(result.checks.map((c) => c.code)).not.toContain("verifier.fetch-budget-exhausted");
    expect(bannerState(result.verdict, result.checks)).toBe("revoked");
  });

  it("is fetched within the verification's budget, and never exhausts it", async () => {
    const { credential, entry, url } = await withdrawn("revocation", (l, i) => `${l}/entries/${i}`);
    world.server.serve(new URL(url).pathname, noticeBody(entry));
    const roomy = createFetchBudget(16);
    expect((await check(credential, roomy)).statusNotice).toBeDefined();
    // Exactly what the verification needs without the notice: the notice is skipped, and the
    // verification is not reported as stopped.
    const tight = createFetchBudget(roomy.used - 1);
    const result = await check(credential, tight);
    expect(tight.used).toBe(tight.limit);
    expect(tight.refused).toBe(0);
    expect(result.statusNotice).toBeUndefined();
    expect(result.checks.map((c) => c.code)).not.toContain("verifier.fetch-budget-exhausted");
    expect(bannerState(result.verdict, result.checks)).toBe("revoked");
  });

  it("is not asked for an active credential, nor for one whose signature fails", async () => {
    const issued = await world.issue({ issuer: world.ece });
    const active = await check(issued.credential);
    expect(active.verdict).toBe("valid");
    expect(active.statusNotice).toBeUndefined();

    const { credential, entry, url } = await withdrawn("revocation", (l, i) => `${l}/entries/${i}`);
    world.server.serve(new URL(url).pathname, noticeBody(entry));
    const forged = structuredClone(credential) as Credential & {
      credentialSubject: { achievement: { name: string } };
    };
    forged.credentialSubject.achievement.name = "Doctorado en todo";
    const before = world.server.requests.filter((p) => p === new URL(url).pathname).length;
    const result = await check(forged);
    expect(result.statusNotice).toBeUndefined();
    expect(world.server.requests.filter((p) => p === new URL(url).pathname).length).toBe(before);
  });

  it("reads a notice's parts strictly", () => {
    const entry = {
      statusListCredential: "https://issuer.example/l/1",
      statusListIndex: "7",
      statusPurpose: "revocation",
    };
    const url = "https://issuer.example/l/1/entries/7";
    const base = { ...entry, status: "revoked" };
    expect(readStatusNotice({ ...base, since: null, reason: null }, entry, url)).toEqual({
      status: "revoked",
      url,
    });
    expect(readStatusNotice({ ...base, statusListIndex: 7 }, entry, url)?.status).toBe("revoked");
    expect(
      readStatusNotice({ ...base, reason: { es: `  ${"a".repeat(2000)}  ` } }, entry, url)?.reason
        ?.es,
    ).toHaveLength(600);
    expect(readStatusNotice([base], entry, url)).toBeUndefined();
    expect(readStatusNotice({ ...base, since: "2027-03-12T10:00:00-06:00" }, entry, url)).toEqual({
      status: "revoked",
      since: "2027-03-12T10:00:00-06:00",
      url,
    });
    for (const since of ["2027-02-30T00:00:00Z", "2027-03-12T24:00:00Z", "2027-03-12", 1e12]) {
      expect(readStatusNotice({ ...base, since }, entry, url), String(since)).toBeUndefined();
    }
  });
});
