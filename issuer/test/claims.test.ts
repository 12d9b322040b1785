import {
  buildPresentation,
  generateSigningKey,
  type SigningKey,
  signPresentation,
} from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, expectProblem, type Harness, issue } from "./harness.js";

describe.each(testDatabases())("claim offers on $name", (engine) => {
  let h: Harness;
  let admin: string;
  let holder: SigningKey;
  beforeEach(async () => {
    h = await createHarness(engine);
    admin = (await h.createOrg("ece-c")).token;
    expect((await h.addAchievement("ece-c", admin)).status).toBe(201);
    holder = await generateSigningKey();
  });
  afterEach(() => h.close());

  function path(claimUrl: string) {
    return claimUrl.replace("http://issuer.test", "");
  }

  async function offer(claimUrl: string) {
    const reply = await h.call(path(claimUrl), { headers: { accept: "application/json" } });
    expect(reply.status, reply.text).toBe(200);
    return reply.body as {
      offer: {
        issuer: { id: string; name: string };
        achievement: { name: string; code: string };
        expiresAt: string;
      };
      challenge: string;
      domain: string;
    };
  }

  async function presentation(challenge: string, domain: string, key: SigningKey = holder) {
    return signPresentation(buildPresentation({ holder: key.controller, credentials: [] }), {
      key,
      documentLoader: h.loader,
      challenge,
      domain,
    });
  }

  it("offers the credential, then binds it to the wallet's DID once", async () => {
    const issued = await issue(h, "ece-c", admin, { statusPurpose: "suspension" });
    const original = issued.body.verifiableCredential;
    const got = await offer(issued.body.claimUrl);
    expect(got.offer).toMatchObject({
      issuer: { id: original.issuer.id, name: "Org ece-c" },
      achievement: { name: "Impartición de cursos", code: "EC0217.01" },
      expiresAt: issued.body.claimExpiresAt,
    });
    expect(got.domain).toBe("http://issuer.test");
    expect(got.challenge.length).toBeGreaterThanOrEqual(32);

    const vp = await presentation(got.challenge, got.domain);
    const claimed = await h.call(path(issued.body.claimUrl), { json: { presentation: vp } });
    expect(claimed.status, claimed.text).toBe(201);
    const vc = claimed.body.verifiableCredential;
    expect(vc.credentialSubject.id).toBe(holder.controller);
    expect(vc.id).toBe(original.id);
    expect(vc.credentialStatus).toEqual(original.credentialStatus);
    expect(vc.credentialSubject.identifier).toEqual(original.credentialSubject.identifier);
    const result = await h.verify(vc);
    expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");

    const stored = await h.call(`/orgs/ece-c/credentials/${issued.body.id}`, { token: admin });
    expect(stored.body.subject).toBe(holder.controller);
    expect(stored.body.claim).toMatchObject({
      holder: holder.controller,
      claimedAt: expect.any(String),
    });
    expect(stored.body.verifiableCredential).toEqual(vc);

    // One time only: the same presentation again, or a new GET, is a 409.
    const again = await h.call(path(issued.body.claimUrl), { json: { presentation: vp } });
    expectProblem(again, 409);
    expect(again.body.code).toBe("issuer.claim.claimed");
    expectProblem(
      await h.call(path(issued.body.claimUrl), { headers: { accept: "application/json" } }),
      409,
    );
    // Status still works on the bound credential.
    await h.call(`/orgs/ece-c/credentials/${issued.body.id}/status`, {
      token: admin,
      json: { action: "suspend", reason: "x" },
    });
    expect((await h.verify(vc)).verdict).toBe("invalid");
  });

  it("refuses bad presentations with reasons and keeps the offer open", async () => {
    const issued = await issue(h, "ece-c", admin);
    const url = path(issued.body.claimUrl);
    const { challenge, domain } = await offer(issued.body.claimUrl);
    const stranger = await generateSigningKey();

    const wrongChallenge = await h.call(url, {
      json: { presentation: await presentation("not-the-challenge", domain) },
    });
    expectProblem(wrongChallenge, 422);
    expect(wrongChallenge.body.code).toBe("issuer.claim.challenge");

    const wrongDomain = await h.call(url, {
      json: { presentation: await presentation(challenge, "https://evil.example") },
    });
    expectProblem(wrongDomain, 422);
    expect(wrongDomain.body.code).toBe("issuer.claim.presentation-invalid");
    expect(wrongDomain.body.errors.length).toBeGreaterThan(0);

    const tampered = await presentation(challenge, domain);
    tampered.holder = stranger.controller;
    const notHolder = await h.call(url, { json: { presentation: tampered } });
    expectProblem(notHolder, 422);

    const forged = await presentation(challenge, domain);
    (forged.proof as { proofValue: string }).proofValue = `z${"1".repeat(86)}`;
    expectProblem(await h.call(url, { json: { presentation: forged } }), 422);

    const webHolder = {
      ...(await presentation(challenge, domain)),
      holder: "did:web:evil.example",
    };
    const web = await h.call(url, { json: { presentation: webHolder } });
    expectProblem(web, 422);
    expect(web.body.code).toBe("issuer.claim.holder-not-did-key");

    expectProblem(
      await h.call(url, { json: { presentation: { type: ["VerifiablePresentation"] } } }),
      422,
    );
    expectProblem(await h.call(url, { json: { presentation: "x" } }), 400);
    expectProblem(await h.call(url, { json: { vp: {} } }), 400);
    expectProblem(
      await h.call(url, { body: "{", headers: { "content-type": "application/json" } }),
      400,
    );

    // The offer is still open: a good presentation with the original challenge works.
    const ok = await h.call(url, { json: { presentation: await presentation(challenge, domain) } });
    expect(ok.status, ok.text).toBe(201);
  });

  it("binds each challenge to its own offer", async () => {
    const first = await issue(h, "ece-c", admin);
    const second = await issue(h, "ece-c", admin);
    const a = await offer(first.body.claimUrl);
    // A challenge of one offer does not work for another.
    const cross = await h.call(path(second.body.claimUrl), {
      json: { presentation: await presentation(a.challenge, a.domain) },
    });
    expectProblem(cross, 422);
    expect(cross.body.code).toBe("issuer.claim.challenge");
    expect(
      (
        await h.call(path(first.body.claimUrl), {
          json: { presentation: await presentation(a.challenge, a.domain) },
        })
      ).status,
    ).toBe(201);
  });

  it("expires offers (410) and challenges, and can make a new offer", async () => {
    const issued = await issue(h, "ece-c", admin);
    const { challenge, domain } = await offer(issued.body.claimUrl);
    h.clock.advance(11 * 60 * 1000);
    const stale = await h.call(path(issued.body.claimUrl), {
      json: { presentation: await presentation(challenge, domain) },
    });
    expectProblem(stale, 422);
    h.clock.advance(31 * 24 * 3600 * 1000);
    const expired = await h.call(path(issued.body.claimUrl), {
      headers: { accept: "application/json", "accept-language": "en" },
    });
    expectProblem(expired, 410);
    expect(expired.body.detail).toMatch(/expired on \d{4}-\d{2}-\d{2}/);
    const page = await h.call(path(issued.body.claimUrl));
    expect(page.status).toBe(410);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).toContain("venció");
    const renewed = await h.call(`/orgs/ece-c/credentials/${issued.body.id}/offer`, {
      token: admin,
      method: "POST",
    });
    expect(renewed.status, renewed.text).toBe(201);
    const fresh = await offer(renewed.body.url);
    const claimed = await h.call(path(renewed.body.url), {
      json: { presentation: await presentation(fresh.challenge, fresh.domain) },
    });
    expect(claimed.status).toBe(201);
    expectProblem(
      await h.call(`/orgs/ece-c/credentials/${issued.body.id}/offer`, {
        token: admin,
        method: "POST",
      }),
      409,
    );
  });

  it("refuses unknown and forged tokens (404) and revoked credentials (409)", async () => {
    expectProblem(await h.call("/claims/nope", { headers: { accept: "application/json" } }), 404);
    const issued = await issue(h, "ece-c", admin);
    const forged = issued.body.claimUrl.replace(/\.[\w-]+$/, ".AAAAAAAAAAAAAAAAAAAAAA");
    expectProblem(await h.call(path(forged), { headers: { accept: "application/json" } }), 404);
    expectProblem(await h.call(`${path(forged)}/qr.png`), 404);
    const html = await h.call("/claims/nope");
    expect(html.status).toBe(404);
    expect(html.text).toContain("no existe");
    await h.call(`/orgs/ece-c/credentials/${issued.body.id}/status`, {
      token: admin,
      json: { action: "revoke", reason: "x" },
    });
    const revoked = await h.call(path(issued.body.claimUrl), {
      headers: { accept: "application/json" },
    });
    expectProblem(revoked, 409);
    expect(revoked.body.code).toBe("issuer.claim.revoked");
  });

  it("shows a bilingual page with the wallet button and the QR code", async () => {
    const issued = await issue(h, "ece-c", admin);
    const url = path(issued.body.claimUrl);
    const es = await h.call(url, {
      headers: { accept: "text/html,application/xhtml+xml", "accept-language": "es-MX" },
    });
    expect(es.status).toBe(200);
    expect(es.headers.get("content-type")).toContain("text/html");
    expect(es.headers.get("cache-control")).toBe("no-store");
    expect(es.headers.get("referrer-policy")).toBe("no-referrer");
    expect(es.text).toContain('lang="es"');
    expect(es.text).toContain("Guardar en mi cartera");
    expect(es.text).toContain(
      `http://localhost:4300/claim?offer=${encodeURIComponent(issued.body.claimUrl)}`,
    );
    expect(es.text).toContain("<svg");
    expect(es.text).not.toMatch(/<script/i);
    const en = await h.call(url, { headers: { "accept-language": "en-GB" } });
    expect(en.text).toContain("Save to my wallet");
    expect(en.text).toContain("Delivering courses");
    expect((await h.call(`${url}?lang=en`)).text).toContain("Save to my wallet");
    const png = await h.app.request(`${url}/qr.png`);
    expect(png.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const svg = await h.call(`${url}/qr.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(svg.text).toMatch(/^<svg/);
    // Viewing the page does not use up the offer.
    expect((await offer(issued.body.claimUrl)).challenge).toBeTruthy();
  });

  it("lets a wallet on another origin call the claim API (CORS)", async () => {
    const issued = await issue(h, "ece-c", admin);
    const preflight = await h.app.request(path(issued.body.claimUrl), {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:4300",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });
});
