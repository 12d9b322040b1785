import { createHash } from "node:crypto";
import {
  buildPresentation,
  type Credential,
  canonicalForm,
  generateSigningKey,
  type JsonObject,
  type SigningKey,
  signPresentation,
} from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyIssuedCredential } from "../src/services/certificate.js";
import { staffBrowser, visibleText } from "./console-support.js";
import { createHarness, expectProblem, type Harness, issue, type Reply } from "./harness.js";

const STANDARD = "EC0217.01";
const UNITS = ["EC0217.01-U1", "EC0217.01-U2", "EC0217.01-U3"];

/**
 * Issue 15, part 1: units from accredited bodies, presented by their holder, become the
 * standard's certificate; anything at fault is refused with the unit named. Part 3: versions.
 */
describe.each(testDatabases())("standard requests on $name", (engine) => {
  let h: Harness;
  let orgs: Record<string, { token: string; did: string }>;
  let holder: SigningKey;

  beforeEach(async () => {
    h = await createHarness(engine);
    await h.createOrg("platform", { kind: "platform", name: { es: "Avala" } });
    orgs = {
      conocer: await h.createOrg("conocer", {
        kind: "conocer",
        authority: true,
        name: { es: "CONOCER", en: "CONOCER" },
      }),
    };
    // Two accredited bodies (A also certifies the standard) and one nobody accredited (X).
    for (const slug of ["ece-a", "ece-b", "ece-x"]) {
      orgs[slug] = await h.createOrg(slug);
      for (const code of UNITS) {
        const unit = await h.addAchievement(slug, orgs[slug]!.token, {
          code,
          kind: "unit",
          standardCode: STANDARD,
          name: { es: `Unidad ${code.slice(-2)}`, en: `Unit ${code.slice(-2)}` },
        });
        expect(unit.status, unit.text).toBe(201);
      }
    }
    for (const slug of ["ece-a", "ece-b"]) {
      const endorsed = await h.call("/orgs/conocer/endorsements", {
        token: orgs["conocer"]!.token,
        json: { subjectOrg: slug, comment: { es: "Acreditada", en: "Accredited" } },
      });
      expect(endorsed.status, endorsed.text).toBe(201);
    }
    const standard = await h.addAchievement("ece-a", orgs["ece-a"]!.token, { units: UNITS });
    expect(standard.status, standard.text).toBe(201);
    holder = await generateSigningKey();
  });
  afterEach(() => h.close());

  const path = (url: string) => url.replace("http://issuer.test", "");

  /** Claims an offer into the wallet of `key` (the existing claim path). */
  async function claim(claimUrl: string, key: SigningKey): Promise<Credential> {
    const offer = await h.call(path(claimUrl), { headers: { accept: "application/json" } });
    expect(offer.status, offer.text).toBe(200);
    const vp = await signPresentation(
      buildPresentation({ holder: key.controller, credentials: [] }),
      { key, documentLoader: h.loader, challenge: offer.body.challenge, domain: offer.body.domain },
    );
    const claimed = await h.call(path(claimUrl), { json: { presentation: vp } });
    expect(claimed.status, claimed.text).toBe(201);
    return claimed.body.verifiableCredential;
  }

  /** A unit credential of `slug`, issued and claimed by `key`; with its id at the issuer. */
  async function unit(slug: string, code: string, key: SigningKey = holder) {
    const issued = await issue(h, slug, orgs[slug]!.token, { achievementCode: code });
    expect(issued.status, issued.text).toBe(201);
    return { id: issued.body.id as string, vc: await claim(issued.body.claimUrl, key) };
  }

  async function present(units: Credential[], options: { slug?: string; key?: SigningKey } = {}) {
    const key = options.key ?? holder;
    const got = await h.call(`/orgs/${options.slug ?? "ece-a"}/standard-requests/challenge`);
    expect(got.status, got.text).toBe(200);
    return signPresentation(buildPresentation({ holder: key.controller, credentials: units }), {
      key,
      documentLoader: h.loader,
      challenge: got.body.challenge,
      domain: got.body.domain,
    });
  }

  async function request(presentation: JsonObject, language = "en", standardCode = STANDARD) {
    return h.call("/orgs/ece-a/standard-requests", {
      json: { standardCode, presentation },
      headers: { "accept-language": language },
    });
  }

  async function automatic() {
    const set = await h.call("/orgs/ece-a/standard-request-settings", {
      method: "PATCH",
      token: orgs["ece-a"]!.token,
      json: { mode: "automatic" },
    });
    expect(set.status, set.text).toBe(200);
  }

  function refused(reply: Reply, code: string, unit?: string) {
    expectProblem(reply, 422);
    expect(reply.body.code).toBe(`issuer.standard-request.${code}`);
    if (unit) {
      expect(reply.body.unit).toBe(unit);
      expect(reply.body.detail).toContain(unit);
    }
  }

  it("issues the standard for units of two accredited bodies, with evidence that verifies", async () => {
    await automatic();
    const units = [
      await unit("ece-a", UNITS[0]!),
      await unit("ece-b", UNITS[1]!),
      await unit("ece-b", UNITS[2]!),
    ];
    const certifiers = await h.call(`/standards/${STANDARD}/certifiers`);
    expect(certifiers.status, certifiers.text).toBe(200);
    expect(certifiers.body.certifiers).toEqual([
      expect.objectContaining({
        slug: "ece-a",
        mode: "automatic",
        requestUrl: "http://issuer.test/orgs/ece-a/standard-requests",
      }),
    ]);

    const reply = await request(await present(units.map((u) => u.vc)));
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body).toMatchObject({
      state: "issued",
      standardCode: STANDARD,
      holder: holder.controller,
      claimUrl: expect.stringContaining("/claims/"),
    });
    const certificate = await claim(reply.body.claimUrl, holder);
    const subject = certificate.credentialSubject as JsonObject;
    expect(subject["id"]).toBe(holder.controller);
    expect((subject["achievement"] as JsonObject)["humanCode"]).toBe(STANDARD);

    // The units are the evidence: their ids and the digests of what was presented.
    const evidence = certificate["evidence"] as JsonObject[];
    expect(evidence.map((e) => e["id"])).toEqual(units.map((u) => u.vc.id));
    for (const [i, item] of evidence.entries()) {
      const nquads = await canonicalForm(units[i]!.vc, h.loader);
      const digest = createHash("sha256").update(nquads).digest();
      expect(item["digestMultibase"]).toBe(
        `u${Buffer.concat([Buffer.from([0x12, 0x20]), digest]).toString("base64url")}`,
      );
      expect(item["type"]).toEqual(["Evidence"]);
    }
    // It verifies in the verifier library: proof, schema, status, and the issuer is accredited.
    const verification = await verifyIssuedCredential(h.ctx, certificate);
    expect(verification.verdict, JSON.stringify(verification.checks)).toBe("valid");
    expect(verification.kind === "credential" && verification.trust?.status).toBe("accredited");
  });

  it("refuses a replayed presentation", async () => {
    await automatic();
    const units = [
      await unit("ece-a", UNITS[0]!),
      await unit("ece-a", UNITS[1]!),
      await unit("ece-b", UNITS[2]!),
    ];
    const vp = await present(units.map((u) => u.vc));
    expect((await request(vp)).status).toBe(201);
    refused(await request(vp), "challenge");
  });

  it("names the unit that is missing, revoked, unaccredited or another holder's", async () => {
    await automatic();
    const u1 = await unit("ece-a", UNITS[0]!);
    const u2 = await unit("ece-b", UNITS[1]!);
    const u3 = await unit("ece-b", UNITS[2]!);

    const missing = await request(await present([u1.vc, u2.vc]));
    refused(missing, "unit-missing", UNITS[2]);
    const spanish = await request(await present([u1.vc, u2.vc]), "es");
    expect(spanish.body.detail).toBe(`Te falta la unidad ${UNITS[2]} del estándar ${STANDARD}.`);

    const unaccredited = await unit("ece-x", UNITS[2]!);
    const foreign = await request(await present([u1.vc, u2.vc, unaccredited.vc]));
    refused(foreign, "unit-unaccredited", UNITS[2]);
    expect(foreign.body.detail).toContain("Org ece-x");

    const stranger = await generateSigningKey();
    const theirs = await unit("ece-b", UNITS[2]!, stranger);
    refused(
      await request(await present([u1.vc, u2.vc, theirs.vc])),
      "unit-foreign-holder",
      UNITS[2],
    );

    const revoke = await h.call(`/orgs/ece-b/credentials/${u2.id}/status`, {
      token: orgs["ece-b"]!.token,
      json: { action: "revoke", reason: "error" },
    });
    expect(revoke.status, revoke.text).toBe(200);
    const revoked = await request(await present([u1.vc, u2.vc, u3.vc]), "es");
    refused(revoked, "unit-revoked", UNITS[1]);
    expect(revoked.body.detail).toBe(
      `La unidad ${UNITS[1]} (Org ece-b) fue revocada por quien la emitió.`,
    );

    // Nothing was issued for any of these.
    const list = await h.call("/orgs/ece-a/standard-requests", { token: orgs["ece-a"]!.token });
    expect(list.body.requests).toEqual([]);
  });

  it("names an expired unit, and answers hostile requests with problems", async () => {
    await automatic();
    const u1 = await unit("ece-a", UNITS[0]!);
    const u2 = await unit("ece-b", UNITS[1]!);
    const until = new Date(h.clock.now.getTime() + 86_400_000).toISOString();
    const issued = await issue(h, "ece-b", orgs["ece-b"]!.token, {
      achievementCode: UNITS[2],
      validUntil: until,
    });
    expect(issued.status, issued.text).toBe(201);
    const u3 = await claim(issued.body.claimUrl, holder);
    h.clock.advance(2 * 86_400_000);
    const expired = await request(await present([u1.vc, u2.vc, u3]), "es");
    refused(expired, "unit-expired", UNITS[2]);
    expect(expired.body.detail).toBe(`La unidad ${UNITS[2]} (Org ece-b) ya no está vigente.`);

    const live = await present([u1.vc, u2.vc]);
    refused(await request(live, "en", "EC9999.01"), "not-a-standard");
    const { proof: _proof, ...unsigned } = live;
    refused(await request(unsigned as JsonObject), "presentation-invalid");
    const forged = structuredClone(live);
    (forged["proof"] as JsonObject)["proofValue"] = `z${"1".repeat(86)}`;
    refused(await request(forged), "presentation-invalid");
    const otherDomain = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [u1.vc] }),
      {
        key: holder,
        documentLoader: h.loader,
        challenge: (await h.call("/orgs/ece-a/standard-requests/challenge")).body.challenge,
        domain: "https://evil.example",
      },
    );
    refused(await request(otherDomain), "presentation-invalid");
    refused(await request({ ...live, holder: "did:web:evil.example" }), "holder-not-did-key");
    expectProblem(
      await h.call("/orgs/nobody/standard-requests", {
        json: { standardCode: STANDARD, presentation: live },
      }),
      404,
    );
    expectProblem(
      await h.call("/orgs/ece-a/standard-requests", { json: { presentation: live } }),
      400,
    );
    expectProblem(
      await h.call("/orgs/ece-a/standard-requests", {
        body: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
    );
    expectProblem(await h.call("/orgs/ece-a/standard-requests/not-a-request"), 404);
    expectProblem(
      await h.call("/orgs/ece-a/standard-requests/not-a-request/approve", {
        method: "POST",
        token: orgs["ece-a"]!.token,
      }),
      404,
    );
  });

  it("waits for a clerk's review by default, then issues or refuses", async () => {
    const units = [
      await unit("ece-a", UNITS[0]!),
      await unit("ece-b", UNITS[1]!),
      await unit("ece-b", UNITS[2]!),
    ];
    const pending = await request(await present(units.map((u) => u.vc)));
    expect(pending.status, pending.text).toBe(202);
    expect(pending.body).toMatchObject({ state: "pending" });
    expect(pending.body.claimUrl).toBeUndefined();
    const token = orgs["ece-a"]!.token;
    const list = await h.call("/orgs/ece-a/standard-requests?state=pending", { token });
    expect(list.body.requests.map((r: { id: string }) => r.id)).toEqual([pending.body.id]);
    expect(list.body.requests[0].units.map((u: { code: string }) => u.code)).toEqual(UNITS);
    // Clerks only: no token, no list.
    expectProblem(await h.call("/orgs/ece-a/standard-requests"), 401);

    const approved = await h.call(`/orgs/ece-a/standard-requests/${pending.body.id}/approve`, {
      token,
      method: "POST",
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.state).toBe("issued");
    const status = await h.call(path(pending.body.statusUrl));
    expect(status.body).toMatchObject({ state: "issued", claimUrl: approved.body.claimUrl });
    const certificate = await claim(approved.body.claimUrl, holder);
    expect((certificate["evidence"] as JsonObject[]).length).toBe(3);
    expectProblem(
      await h.call(`/orgs/ece-a/standard-requests/${pending.body.id}/refuse`, {
        token,
        method: "POST",
      }),
      409,
    );

    const second = await request(await present(units.map((u) => u.vc)));
    expect(second.status).toBe(202);
    const refusal = await h.call(`/orgs/ece-a/standard-requests/${second.body.id}/refuse`, {
      token,
      method: "POST",
    });
    expect(refusal.status, refusal.text).toBe(200);
    expect((await h.call(path(second.body.statusUrl))).body.state).toBe("refused");
  });

  it("lists pending requests in the console, where a clerk approves one and sets the mode", async () => {
    const units = [
      await unit("ece-a", UNITS[0]!),
      await unit("ece-b", UNITS[1]!),
      await unit("ece-b", UNITS[2]!),
    ];
    const pending = await request(await present(units.map((u) => u.vc)));
    expect(pending.status, pending.text).toBe(202);
    const clerk = await staffBrowser(h, "ece-a", "eva@ece-a.mx", "admin");
    const page = await clerk.get("/console/standard-requests");
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("Certificados pedidos con unidades");
    for (const code of UNITS) expect(text).toContain(code);
    expect(text).toContain("Org ece-b");
    const approved = await clerk.post(`/console/standard-requests/${pending.body.id}/approve`);
    expect(approved.status).toBe(303);
    expect(approved.location).toBe("/console/standard-requests?m=approved");
    const status = await h.call(path(pending.body.statusUrl));
    expect(status.body).toMatchObject({ state: "issued", claimUrl: expect.any(String) });
    const after = visibleText((await clerk.get("/console/standard-requests?m=approved")).text);
    expect(after).toContain("Certificado emitido");
    expect(after).toContain("No hay solicitudes por revisar.");

    await clerk.post("/console/standard-requests/mode", { mode: "automatic" });
    const mode = await h.call("/orgs/ece-a/standard-request-settings", {
      token: orgs["ece-a"]!.token,
    });
    expect(mode.body.mode).toBe("automatic");
    const audited = await h.ctx.db.selectFrom("issuer_audit_event").select("action").execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(["standard-request.approve", "standard-request.mode"]),
    );
  });

  it("refuses a superseded or expired standard and counts units through equivalences", async () => {
    await automatic();
    const token = orgs["ece-a"]!.token;
    const units = [
      await unit("ece-a", UNITS[0]!),
      await unit("ece-b", UNITS[1]!),
      await unit("ece-b", UNITS[2]!),
    ];
    // Version .02 replaces unit U3 by a new one and accepts the old U3 in its place.
    const next = ["EC0217.02-U1", "EC0217.02-U2", "EC0217.02-U3"];
    for (const code of next) {
      await h.addAchievement("ece-a", token, { code, kind: "unit", standardCode: "EC0217.02" });
    }
    await h.addAchievement("ece-a", token, { code: "EC0217.02", units: next });
    const version = async (code: string, json: unknown) =>
      h.call(`/orgs/ece-a/standards/${code}/version`, { method: "PATCH", token, json });
    expect((await version(STANDARD, { supersededBy: "EC0217.02" })).status).toBe(200);
    const superseded = await request(await present(units.map((u) => u.vc)), "en");
    expectProblem(superseded, 422);
    expect(superseded.body.code).toBe("issuer.standard-request.standard-superseded");
    expect(superseded.body.detail).toContain("EC0217.02");

    const saved = await version("EC0217.02", {
      equivalences: {
        "EC0217.02-U1": [UNITS[0]],
        "EC0217.02-U2": [UNITS[1]],
        "EC0217.02-U3": [UNITS[2]],
      },
    });
    expect(saved.status, saved.text).toBe(200);
    const viaEquivalence = await request(await present(units.map((u) => u.vc)), "en", "EC0217.02");
    expect(viaEquivalence.status, viaEquivalence.text).toBe(201);

    expect(
      (await version("EC0217.02", { validUntil: new Date(Date.now() - 86_400_000).toISOString() }))
        .status,
    ).toBe(200);
    const expired = await request(await present(units.map((u) => u.vc)), "es", "EC0217.02");
    expectProblem(expired, 422);
    expect(expired.body.code).toBe("issuer.standard-request.standard-expired");
    const published = await h.call(`/orgs/ece-a/standards/EC0217.02/version`);
    expect(published.body).toMatchObject({ supersededBy: null, validUntil: expect.any(String) });
  });
});
