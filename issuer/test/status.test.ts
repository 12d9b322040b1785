import { testDatabases } from "@avala/db/testing";
import { decodeBitstring, getBit } from "@avala/status-list";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nextStatus } from "../src/services/status.js";
import { check, createHarness, expectProblem, type Harness, issue } from "./harness.js";

describe("status transitions", () => {
  it("makes revocation final and suspension only for suspension entries", () => {
    expect(nextStatus("active", "revocation", "revoke")).toEqual({ to: "revoked" });
    expect(nextStatus("active", "revocation", "suspend")).toEqual({
      refuse: "issuer.status.revocation-only",
    });
    expect(nextStatus("active", "suspension", "suspend")).toEqual({ to: "suspended" });
    expect(nextStatus("suspended", "suspension", "reinstate")).toEqual({ to: "active" });
    expect(nextStatus("suspended", "suspension", "revoke")).toEqual({ to: "revoked" });
    expect(nextStatus("revoked", "suspension", "reinstate")).toEqual({
      refuse: "issuer.status.revoked-final",
    });
    expect(nextStatus("revoked", "revocation", "revoke")).toEqual({
      refuse: "issuer.status.already-revoked",
    });
    expect(nextStatus("active", "suspension", "reinstate")).toEqual({
      refuse: "issuer.status.not-suspended",
    });
  });
});

describe.each(testDatabases())("status lists on $name", (engine) => {
  let h: Harness;
  let admin: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    admin = (await h.createOrg("ece-s")).token;
    expect((await h.addAchievement("ece-s", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  async function bit(url: string, index: number) {
    const reply = await h.call(url.replace("http://issuer.test", ""));
    expect(reply.status).toBe(200);
    return getBit(decodeBitstring(reply.body.credentialSubject.encodedList), index);
  }

  function setStatus(id: string, action: string, reason = "motivo") {
    return h.call(`/orgs/ece-s/credentials/${id}/status`, {
      token: admin,
      json: { action, reason },
    });
  }

  it("revokes at once: the signed list flips the bit and the verifier sees it", async () => {
    const issued = await issue(h, "ece-s", admin);
    const vc = issued.body.verifiableCredential;
    const { statusListCredential: url, statusListIndex } = vc.credentialStatus;
    const index = Number(statusListIndex);
    expect(await bit(url, index)).toBe(false);
    const list = await h.call("/orgs/ece-s/status/revocation/1");
    // Caches may keep a list but must ask again each time (a revocation shows at once); the
    // ETag makes asking again cheap.
    expect(list.headers.get("cache-control")).toBe("no-cache");
    const etag = list.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    const same = await h.call("/orgs/ece-s/status/revocation/1", {
      headers: { "if-none-match": etag },
    });
    expect(same.status).toBe(304);
    expect(same.headers.get("cache-control")).toBe("no-cache");
    expect((await h.verify(list.body)).verified).toBe(true);
    expect(list.body.issuer).toBe(vc.issuer.id);

    const revoked = await setStatus(issued.body.id, "revoke", "Constancia emitida por error");
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toMatchObject({ previous: "active", status: "revoked" });
    expect(revoked.body.note).toBeUndefined();
    expect(revoked.body.history[0]).toMatchObject({
      action: "revoke",
      reason: "Constancia emitida por error",
      by: { label: "initial admin token" },
    });
    expect(await bit(url, index)).toBe(true);
    const changed = await h.call("/orgs/ece-s/status/revocation/1", {
      headers: { "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const result = await h.verify(vc);
    expect(result.verdict).toBe("invalid");
    expect(check(result, "status")?.code).toBe("status.revoked");

    const again = await setStatus(issued.body.id, "revoke");
    expectProblem(again, 409);
    const reinstate = await setStatus(issued.body.id, "reinstate");
    expectProblem(reinstate, 409);
    expect(reinstate.body.code).toBe("issuer.status.revoked-final");
    expect(await bit(url, index)).toBe(true);
  });

  it("suspends and reinstates credentials issued with a suspension entry", async () => {
    const issued = await issue(h, "ece-s", admin, { statusPurpose: "suspension" });
    const vc = issued.body.verifiableCredential;
    const url = vc.credentialStatus.statusListCredential;
    expect(url).toMatch(/\/status\/suspension\/1$/);
    const index = Number(vc.credentialStatus.statusListIndex);
    expect((await setStatus(issued.body.id, "suspend", "Investigación en curso")).status).toBe(200);
    expect(await bit(url, index)).toBe(true);
    expect(check(await h.verify(vc), "status")?.code).toBe("status.suspended");
    expectProblem(await setStatus(issued.body.id, "suspend"), 409);
    expect((await setStatus(issued.body.id, "reinstate", "Aclarado")).status).toBe(200);
    expect(await bit(url, index)).toBe(false);
    expect((await h.verify(vc)).verdict).toBe("valid");
    expectProblem(await setStatus(issued.body.id, "reinstate"), 409);
    // Revoking a suspension-entry credential sets its bit for good: verifiers see "suspended",
    // and the answer says so.
    const revoked = await h.call(`/orgs/ece-s/credentials/${issued.body.id}/status`, {
      token: admin,
      json: { action: "revoke", reason: "Fraude" },
      headers: { "accept-language": "en" },
    });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toMatchObject({
      status: "revoked",
      note: {
        code: "issuer.status.revoked-suspension-only",
        detail: expect.stringMatching(/verifiers will see it as .suspended./),
        localizedDetail: { es: expect.stringMatching(/suspendida/) },
      },
    });
    expect(await bit(url, index)).toBe(true);
    expect(check(await h.verify(vc), "status")?.code).toBe("status.suspended");
    const final = await setStatus(issued.body.id, "reinstate");
    expectProblem(final, 409);
    expect(final.body.code).toBe("issuer.status.revoked-final");
    const detail = await h.call(`/orgs/ece-s/credentials/${issued.body.id}`, { token: admin });
    expect(detail.body.history.map((e: { action: string }) => e.action)).toEqual([
      "suspend",
      "reinstate",
      "revoke",
    ]);
    expect(detail.body.status).toBe("revoked");
  });

  it("refuses to suspend a revocation-only credential with a clear message", async () => {
    const issued = await issue(h, "ece-s", admin);
    const reply = await h.call(`/orgs/ece-s/credentials/${issued.body.id}/status`, {
      token: admin,
      json: { action: "suspend", reason: "x" },
      headers: { "accept-language": "en" },
    });
    expectProblem(reply, 409);
    expect(reply.body.detail).toMatch(/can only be revoked/);
    expect(reply.body.localizedDetail.es).toMatch(/solo se puede revocar/);
  });

  it("validates status requests", async () => {
    const issued = await issue(h, "ece-s", admin);
    expectProblem(
      await h.call(`/orgs/ece-s/credentials/${issued.body.id}/status`, {
        token: admin,
        json: { action: "delete", reason: "x" },
      }),
      400,
    );
    expectProblem(
      await h.call(`/orgs/ece-s/credentials/${issued.body.id}/status`, {
        token: admin,
        json: { action: "revoke" },
      }),
      400,
    );
    expectProblem(
      await h.call("/orgs/ece-s/credentials/unknown/status", {
        token: admin,
        json: { action: "revoke", reason: "x" },
      }),
      404,
    );
    expectProblem(await h.call("/orgs/ece-s/status/revocation/9"), 404);
    expectProblem(await h.call("/orgs/ece-s/status/other/1"), 404);
    expectProblem(await h.call("/orgs/ece-s/status/revocation/0x1"), 404);
    const lists = await h.call("/orgs/ece-s/status");
    expect(lists.body.lists).toEqual([
      expect.objectContaining({ purpose: "revocation", number: 1, length: 131072, allocated: 1 }),
    ]);
  });
});
