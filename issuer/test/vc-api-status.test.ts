import { randomUUID } from "node:crypto";
import type { JsonObject } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  check,
  createHarness,
  expectProblem,
  type Harness,
  PLATFORM_TOKEN,
  type Reply,
} from "./harness.js";

/**
 * W3C VC-API (VCALM) `POST /credentials/status`: revoke, suspend and reinstate what the
 * token's organisation issued, with the rules and the history of the issuer's own status routes.
 * Bodies as the spec and w3c/vc-bitstring-status-list-test-suite send them.
 */

const V2 = "https://www.w3.org/ns/credentials/v2";

describe.each(testDatabases())("VC-API status on $name", (engine) => {
  let h: Harness;
  let token: string;
  let otherToken: string;
  /** Each token's organisation DID: the credential's issuer. */
  const dids = new Map<string, string>();
  beforeEach(async () => {
    h = await createHarness(engine);
    let did: string;
    ({ token, did } = await h.createOrg("ece-s"));
    dids.set(token, did);
    ({ token: otherToken, did } = await h.createOrg("ece-o"));
    dids.set(otherToken, did);
  });
  afterEach(() => h.close());

  async function issue(
    purpose: "revocation" | "suspension" = "revocation",
    extra: JsonObject = {},
    as = token,
  ) {
    const reply = await h.call("/credentials/issue", {
      token: as,
      json: {
        credential: {
          "@context": [V2],
          id: `urn:uuid:${randomUUID()}`,
          type: ["VerifiableCredential"],
          issuer: dids.get(as),
          credentialSubject: { id: "did:example:subject" },
          ...extra,
        },
        ...(extra["credentialStatus"]
          ? {}
          : {
              options: {
                credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: purpose },
              },
            }),
      },
    });
    expect(reply.status, reply.text).toBe(201);
    return reply.body.verifiableCredential as JsonObject;
  }

  /** `as`: the token to call with; null for none. */
  const update = (body: unknown, as: string | null = token): Promise<Reply> =>
    h.call("/credentials/status", {
      ...(as ? { token: as } : {}),
      headers: { "accept-language": "en" },
      json: body,
    });

  const entry = (statusPurpose: string, more: JsonObject = {}) => ({
    type: "BitstringStatusListEntry",
    statusPurpose,
    ...more,
  });

  async function statusOf(vc: JsonObject) {
    return check(await h.verify(vc), "status")?.code;
  }

  it("revokes with the spec's body; a verifier sees it at once; revocation is final", async () => {
    const vc = await issue();
    expect(await statusOf(vc)).toBe("status.active");
    const reply = await update({
      credentialId: vc["id"],
      credentialStatus: entry("revocation"),
      status: true,
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({
      credentialId: vc["id"],
      previous: "active",
      status: "revoked",
    });
    expect(reply.body.history).toEqual([
      expect.objectContaining({ action: "revoke", from: "active", to: "revoked" }),
    ]);
    expect(await statusOf(vc)).toBe("status.revoked");
    // The issuer's own view agrees, with the same history.
    const own = await h.call(`/orgs/ece-s/credentials/${reply.body.id}`, { token });
    expect(own.body.status).toBe("revoked");
    expect(own.body.history).toHaveLength(1);

    const again = await update({ credentialId: vc["id"], credentialStatus: entry("revocation") });
    expectProblem(again, 409);
    expect(again.body.code).toBe("issuer.status.already-revoked");
    const undo = await update({
      credentialId: vc["id"],
      credentialStatus: entry("revocation"),
      status: false,
    });
    expectProblem(undo, 409);
    expect(undo.body.code).toBe("issuer.status.revoked-final");
  });

  it("suspends and reinstates, in the status-list suite's shape and the older array shape", async () => {
    const vc = await issue("suspension");
    // The bitstring status list suite sends no `status`: the bit is set.
    const suspended = await update({
      credentialId: vc["id"],
      credentialStatus: entry("suspension"),
    });
    expect(suspended.status, suspended.text).toBe(200);
    expect(suspended.body.status).toBe("suspended");
    expect(await statusOf(vc)).toBe("status.suspended");
    const twice = await update({ credentialId: vc["id"], credentialStatus: entry("suspension") });
    expectProblem(twice, 409);
    expect(twice.body.code).toBe("issuer.status.already-suspended");
    // The earlier VC-API shape: an array of entries, each with its value.
    const reinstated = await update({
      credentialId: vc["id"],
      credentialStatus: [entry("suspension", { status: "0" })],
    });
    expect(reinstated.status, reinstated.text).toBe(200);
    expect(reinstated.body.status).toBe("active");
    expect(await statusOf(vc)).toBe("status.active");
    const notSuspended = await update({
      credentialId: vc["id"],
      credentialStatus: entry("suspension"),
      status: false,
    });
    expectProblem(notSuspended, 409);
    expect(notSuspended.body.code).toBe("issuer.status.not-suspended");
    // Naming the entry exactly, and by Avala's own id for the credential.
    const named = vc["credentialStatus"] as JsonObject;
    const byName = await update({
      credentialId: reinstated.body.id,
      credentialStatus: entry("suspension", {
        id: named["id"],
        statusListIndex: named["statusListIndex"],
        statusListCredential: named["statusListCredential"],
      }),
      status: true,
    });
    expect(byName.status, byName.text).toBe(200);
    expect(byName.body.history.map((e: { action: string }) => e.action)).toEqual([
      "suspend",
      "reinstate",
      "suspend",
    ]);
    // Revoking a suspension-only credential: final, and the note says what verifiers see.
    const revoked = await update({ credentialId: vc["id"], credentialStatus: entry("revocation") });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.note.code).toBe("issuer.status.revoked-suspension-only");
  });

  it("applies the issuer's rules and refuses every misuse with a problem", async () => {
    const vc = await issue("revocation");
    const id = vc["id"];
    const refused: Array<[string, unknown, number, string]> = [
      [
        "suspend a revocation-only entry",
        { credentialId: id, credentialStatus: entry("suspension") },
        409,
        "issuer.status.revocation-only",
      ],
      [
        "clear a revocation never set",
        { credentialId: id, credentialStatus: entry("revocation"), status: false },
        409,
        "issuer.status.not-revoked",
      ],
      [
        "another entry named",
        { credentialId: id, credentialStatus: entry("revocation", { statusListIndex: "0" }) },
        422,
        "issuer.status.entry-mismatch",
      ],
      [
        "another list named",
        {
          credentialId: id,
          credentialStatus: entry("revocation", {
            statusListCredential: "https://status.example/1",
          }),
        },
        422,
        "issuer.status.entry-mismatch",
      ],
      [
        "values that disagree",
        {
          credentialId: id,
          credentialStatus: [entry("revocation", { status: false })],
          status: true,
        },
        422,
        "issuer.status.value-conflict",
      ],
      [
        "unknown credential",
        {
          credentialId: "urn:uuid:00000000-0000-4000-8000-000000000000",
          credentialStatus: entry("revocation"),
        },
        404,
        "issuer.credential.not-found",
      ],
      ["no credentialId", { credentialStatus: entry("revocation") }, 400, "issuer.request.invalid"],
      ["no credentialStatus", { credentialId: id, status: true }, 400, "issuer.request.invalid"],
      [
        "another status type",
        {
          credentialId: id,
          credentialStatus: { type: "StatusList2021Entry", statusPurpose: "revocation" },
        },
        400,
        "issuer.request.invalid",
      ],
      [
        "a purpose Avala does not manage",
        { credentialId: id, credentialStatus: entry("message") },
        400,
        "issuer.request.invalid",
      ],
      [
        "two entries",
        { credentialId: id, credentialStatus: [entry("revocation"), entry("suspension")] },
        400,
        "issuer.request.invalid",
      ],
      [
        "an unknown field",
        { credentialId: id, credentialStatus: entry("revocation"), reason: "x" },
        400,
        "issuer.request.invalid",
      ],
      [
        "status not a boolean",
        { credentialId: id, credentialStatus: entry("revocation"), status: "revoked" },
        400,
        "issuer.request.invalid",
      ],
    ];
    for (const [name, body, status, code] of refused) {
      const reply = await update(body);
      expectProblem(reply, status);
      expect(reply.body.code, `${name}: ${reply.text}`).toBe(code);
    }
    const notJson = await h.call("/credentials/status", {
      token,
      body: "credentialId=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(notJson, 415);
    // Nothing changed.
    expect(await statusOf(vc)).toBe("status.active");
  });

  it("is scoped to the caller's organisation; a token is required", async () => {
    const theirs = await issue("revocation", {}, otherToken);
    const reply = await update({
      credentialId: theirs["id"],
      credentialStatus: entry("revocation"),
    });
    expectProblem(reply, 404);
    expect(reply.body.code).toBe("issuer.credential.not-found");
    expect(await statusOf(theirs)).toBe("status.active");
    expectProblem(
      await update({ credentialId: theirs["id"], credentialStatus: entry("revocation") }, null),
      401,
    );
    const platform = await update(
      { credentialId: theirs["id"], credentialStatus: entry("revocation") },
      PLATFORM_TOKEN,
    );
    expectProblem(platform, 403);
    // Its owner can.
    const own = await update(
      { credentialId: theirs["id"], credentialStatus: entry("revocation") },
      otherToken,
    );
    expect(own.status, own.text).toBe(200);
  });

  it("does not touch a status it does not keep: the caller's own credentialStatus", async () => {
    const vc = await issue("revocation", {
      credentialStatus: {
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: "7",
        statusListCredential: "https://status.example/lists/1",
      },
    });
    const reply = await update({ credentialId: vc["id"], credentialStatus: entry("revocation") });
    expectProblem(reply, 409);
    expect(reply.body.code).toBe("issuer.status.not-managed");
    // The issuer's own route says the same.
    const listed = await h.call(`/orgs/ece-s/credentials?limit=1`, { token });
    const own = await h.call(`/orgs/ece-s/credentials/${listed.body.credentials[0].id}/status`, {
      token,
      json: { action: "revoke", reason: "prueba" },
    });
    expectProblem(own, 409);
    expect(own.body.code).toBe("issuer.status.not-managed");
  });
});
