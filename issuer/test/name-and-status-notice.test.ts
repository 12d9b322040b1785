import {
  buildPresentation,
  generateSigningKey,
  type JsonObject,
  signPresentation,
} from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ConsoleBrowser, staffBrowser, visibleText } from "./console-support.js";
import { check, createHarness, expectProblem, type Harness, issue } from "./harness.js";

// The learner's name in credentials (on by default, an organisation setting turns it off) and
// the notice each status entry names as `statusReference`: the credential's status, since when,
// and the reason only when the clerk published it.

const ORG = "ece-n";
const NAME = "María José Núñez";

function path(url: string): string {
  return url.replace("http://issuer.test", "");
}

describe.each(testDatabases())("learner's name and status notices on $name", (engine) => {
  let h: Harness;
  let admin: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    admin = (await h.createOrg(ORG)).token;
    expect((await h.addAchievement(ORG, admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  async function issueTo(name: string | undefined, extra: Record<string, unknown> = {}) {
    const reply = await issue(h, ORG, admin, {
      learner: {
        email: "maria@example.mx",
        curp: "LOGA040315MDFPRNA3",
        ...(name ? { name } : {}),
      },
      ...extra,
    });
    expect(reply.status, reply.text).toBe(201);
    return reply.body as { id: string; claimUrl: string; verifiableCredential: JsonObject };
  }

  async function cohortCredential(name: string): Promise<JsonObject> {
    const externalId = `row-${Math.random().toString(36).slice(2)}`;
    const upload = await h.call(`/orgs/${ORG}/batches`, {
      token: admin,
      json: [{ externalId, achievementCode: "EC0217.01", email: "fila@example.mx", name }],
    });
    expect(upload.status, upload.text).toBe(202);
    await h.ctx.batches.idle();
    const listed = await h.call(`/orgs/${ORG}/batches/${upload.body.id}/credentials`, {
      token: admin,
    });
    const id = listed.body.credentials[0].credential as string;
    const detail = await h.call(`/orgs/${ORG}/credentials/${id}`, { token: admin });
    return detail.body.verifiableCredential;
  }

  const subjectOf = (vc: JsonObject) => vc["credentialSubject"] as JsonObject;

  it("signs the learner's name on every path until the organisation turns it off", async () => {
    // Single issue: the name as recorded, valid against the OB 3.0 schema and the verifier.
    const single = await issueTo(`  ${NAME} `);
    const vc = single.verifiableCredential;
    expect(subjectOf(vc)["name"]).toBe(NAME);
    const verified = await h.verify(vc);
    expect(verified.verdict, JSON.stringify(verified.checks)).toBe("valid");
    expect(check(verified, "schema")?.outcome).toBe("pass");

    // A cohort row.
    const row = await cohortCredential("Fila Uno");
    expect(subjectOf(row)["name"]).toBe("Fila Uno");
    expect((await h.verify(row)).verdict).toBe("valid");

    // Claimed: re-signed bound to the wallet's DID, the name kept.
    const holder = await generateSigningKey();
    const offer = await h.call(path(single.claimUrl), { headers: { accept: "application/json" } });
    const vp = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [] }),
      {
        key: holder,
        documentLoader: h.loader,
        challenge: offer.body.challenge,
        domain: offer.body.domain,
      },
    );
    const claimed = await h.call(path(single.claimUrl), { json: { presentation: vp } });
    expect(claimed.status, claimed.text).toBe(201);
    const bound = claimed.body.verifiableCredential as JsonObject;
    expect(subjectOf(bound)).toMatchObject({ id: holder.controller, name: NAME });
    expect((await h.verify(bound)).verdict).toBe("valid");

    // A learner recorded without a name: none in the credential.
    expect("name" in subjectOf((await issueTo(undefined)).verifiableCredential)).toBe(false);

    // The organisation's admin turns it off (the org-admin API): new credentials carry no name,
    // whatever the path; the name stays in the issuer's records.
    const before = await h.call(`/orgs/${ORG}`);
    expect(before.body.avala.learnerNameInCredentials).toBe(true);
    const off = await h.call(`/orgs/${ORG}`, {
      method: "PATCH",
      token: admin,
      json: { learnerNameInCredentials: false },
    });
    expect(off.status, off.text).toBe(200);
    expect(off.body.organisation.learnerNameInCredentials).toBe(false);
    const nameless = await issueTo(NAME);
    expect("name" in subjectOf(nameless.verifiableCredential)).toBe(false);
    expect((await h.verify(nameless.verifiableCredential)).verdict).toBe("valid");
    const stored = await h.call(`/orgs/${ORG}/credentials/${nameless.id}`, { token: admin });
    expect(stored.body.learner.name).toBe(NAME);
    expect("name" in subjectOf(await cohortCredential("Fila Dos"))).toBe(false);
    // Credentials issued before keep their name.
    const earlier = await h.call(`/orgs/${ORG}/credentials/${single.id}`, { token: admin });
    expect(subjectOf(earlier.body.verifiableCredential)["name"]).toBe(NAME);

    // An operator token may not change it; a bad value is a 400 problem.
    const operator = await h.createToken(ORG, admin, "operator");
    expectProblem(
      await h.call(`/orgs/${ORG}`, {
        method: "PATCH",
        token: operator,
        json: { learnerNameInCredentials: true },
      }),
      403,
    );
    expectProblem(
      await h.call(`/orgs/${ORG}`, {
        method: "PATCH",
        token: admin,
        json: { learnerNameInCredentials: "yes" },
      }),
      400,
    );
  });

  it("has the toggle on the admin's console settings page, in the audit log", async () => {
    const console: ConsoleBrowser = await staffBrowser(h, ORG, "admin@ece-n.mx", "admin");
    const page = await console.get("/console/admin/settings");
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain("Poner el nombre de la persona en sus credenciales");
    expect(page.text).toMatch(/name="learnerName" value="yes"[^>]*checked/);
    const saved = await console.post("/console/admin/settings", {});
    expect(saved.status).toBe(200);
    expect(visibleText(saved.text)).toContain("Ajustes guardados.");
    expect(saved.text).not.toMatch(/name="learnerName" value="yes"[^>]*checked/);
    expect("name" in subjectOf((await issueTo(NAME)).verifiableCredential)).toBe(false);
    await console.post("/console/admin/settings", { learnerName: "yes" });
    expect(subjectOf((await issueTo(NAME)).verifiableCredential)["name"]).toBe(NAME);
    const audit = visibleText((await console.get("/console/admin/audit")).text);
    expect(audit).toContain("Cambió los ajustes (nombre en las credenciales: no)");
    expect(audit).toContain("Cambió los ajustes (nombre en las credenciales: sí)");
    // Not for an operator.
    const clerk = await staffBrowser(h, ORG, "clerk@ece-n.mx", "operator");
    expect((await clerk.get("/console/admin/settings")).status).toBe(403);
  });

  it("publishes each entry's status, since when, and the reason only when made public", async () => {
    const { id, verifiableCredential: vc } = await issueTo(NAME, { statusPurpose: "suspension" });
    const entry = vc["credentialStatus"] as JsonObject;
    const list = entry["statusListCredential"] as string;
    const index = entry["statusListIndex"] as string;
    expect(entry["statusReference"]).toBe(`${list}/entries/${index}`);

    const notice = async () => {
      const reply = await h.call(path(entry["statusReference"] as string));
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
      expect(reply.headers.get("cache-control")).toBe("no-cache");
      return reply.body;
    };
    expect(await notice()).toEqual({
      statusListCredential: list,
      statusListIndex: index,
      statusPurpose: "suspension",
      status: "active",
      since: null,
      reason: null,
    });

    // Suspended through the API without publishing the reason: the date, no reason.
    h.clock.advance(60_000);
    const suspendedAt = h.clock.now.toISOString();
    const suspend = await h.call(`/orgs/${ORG}/credentials/${id}/status`, {
      token: admin,
      json: { action: "suspend", reason: "[under-review] Queja de un empleador" },
    });
    expect(suspend.status, suspend.text).toBe(200);
    expect(suspend.body.history[0]).toMatchObject({ publicReason: false });
    expect(await notice()).toMatchObject({ status: "suspended", since: suspendedAt, reason: null });
    expect(JSON.stringify(await notice())).not.toContain("Queja");

    // Reinstated, then revoked in the console with "Publish the reason with the status".
    h.clock.advance(60_000);
    await h.call(`/orgs/${ORG}/credentials/${id}/status`, {
      token: admin,
      json: { action: "reinstate", reason: "revisado" },
    });
    expect(await notice()).toMatchObject({ status: "active", reason: null });
    const clerk = await staffBrowser(h, ORG, "clerk@ece-n.mx", "operator");
    const form = await clerk.get(`/console/credentials/${id}/status?action=revoke`);
    expect(visibleText(form.text)).toContain("Publicar el motivo junto con el estado");
    // Off by default.
    expect(form.text).not.toMatch(/name="publicReason" value="yes"[^>]*checked/);
    h.clock.advance(60_000);
    const revokedAt = h.clock.now.toISOString();
    const revoked = await clerk.post(`/console/credentials/${id}/status`, {
      action: "revoke",
      reason: "fraud",
      text: "Documentos de identidad falsos",
      publicReason: "yes",
    });
    expect(revoked.status, revoked.text.slice(0, 300)).toBe(303);
    expect(await notice()).toEqual({
      statusListCredential: list,
      statusListIndex: index,
      statusPurpose: "suspension",
      status: "revoked",
      since: revokedAt,
      reason: {
        code: "fraud",
        es: "Fraude o suplantación — Documentos de identidad falsos",
        // The label in each language; the clerk's own words as typed.
        en: "Fraud or impersonation — Documentos de identidad falsos",
      },
    });
    const history = visibleText((await clerk.get(`/console/credentials/${id}`)).text);
    expect(history).toContain("Fraude o suplantación: Documentos de identidad falsos");
    expect(history).toContain("motivo publicado");

    // Through the API, `publicReason: true`; a reason without a code from the list is "other".
    const other = await issueTo(undefined);
    const otherEntry = other.verifiableCredential["credentialStatus"] as JsonObject;
    const api = await h.call(`/orgs/${ORG}/credentials/${other.id}/status`, {
      token: admin,
      json: { action: "revoke", reason: "Emitida dos veces", publicReason: true },
    });
    expect(api.status, api.text).toBe(200);
    expect(api.body.history[0]).toMatchObject({ publicReason: true });
    const published = await h.call(path(otherEntry["statusReference"] as string));
    expect(published.body).toMatchObject({
      statusPurpose: "revocation",
      status: "revoked",
      reason: { code: "other", es: "Emitida dos veces", en: "Emitida dos veces" },
    });
    expectProblem(
      await h.call(`/orgs/${ORG}/credentials/${other.id}/status`, {
        token: admin,
        json: { action: "revoke", reason: "x", publicReason: "yes" },
      }),
      400,
    );
  });

  it("answers a 404 problem for an entry no credential of this issuer uses", async () => {
    const { verifiableCredential: vc } = await issueTo(NAME);
    const entry = vc["credentialStatus"] as JsonObject;
    const index = Number(entry["statusListIndex"]);
    const other = index === 0 ? 1 : index - 1;
    for (const url of [
      `/orgs/${ORG}/status/revocation/1/entries/${other}`,
      `/orgs/${ORG}/status/revocation/2/entries/${index}`,
      `/orgs/${ORG}/status/suspension/1/entries/${index}`,
      `/orgs/${ORG}/status/revocation/1/entries/999999999`,
      `/orgs/${ORG}/status/revocation/1/entries/-1`,
      `/orgs/${ORG}/status/revocation/1/entries/01`,
      `/orgs/${ORG}/status/revocation/1/entries/x`,
      `/orgs/${ORG}/status/other/1/entries/${index}`,
      `/orgs/${ORG}/status/revocation/0/entries/${index}`,
      `/orgs/nobody/status/revocation/1/entries/${index}`,
    ]) {
      const reply = await h.call(url, { headers: { "accept-language": "en" } });
      expectProblem(reply, 404);
      expect(reply.body.code, url).toMatch(
        /^issuer\.(status\.entry-not-found|organisation\.not-found)$/,
      );
    }
    const spanish = await h.call(`/orgs/${ORG}/status/revocation/1/entries/${other}`, {
      headers: { "accept-language": "es-MX" },
    });
    expect(spanish.body).toMatchObject({
      code: "issuer.status.entry-not-found",
      detail: "Ninguna credencial de este emisor usa esa entrada de estado.",
    });
  });

  it("points VC 2.0 entries at their notice, not VC 1.1 ones (VC-API)", async () => {
    const did = (await h.call(`/orgs/${ORG}`)).body.avala.did as string;
    const v2 = await h.call("/credentials/issue", {
      token: admin,
      json: {
        credential: {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          type: ["VerifiableCredential"],
          issuer: did,
          credentialSubject: { id: "did:example:subject" },
        },
      },
    });
    expect(v2.status, v2.text).toBe(201);
    const entry2 = v2.body.verifiableCredential.credentialStatus;
    expect(entry2.statusReference).toBe(
      `${entry2.statusListCredential}/entries/${entry2.statusListIndex}`,
    );
    expect((await h.call(path(entry2.statusReference))).body.status).toBe("active");
    expect((await h.verify(v2.body.verifiableCredential)).verified).toBe(true);

    const v1 = await h.call("/credentials/issue", {
      token: admin,
      json: {
        credential: {
          "@context": ["https://www.w3.org/2018/credentials/v1"],
          type: ["VerifiableCredential"],
          issuer: did,
          credentialSubject: { id: "did:example:subject" },
        },
        options: {
          credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "revocation" },
        },
      },
    });
    expect(v1.status, v1.text).toBe(201);
    const entry1 = v1.body.verifiableCredential.credentialStatus;
    expect(entry1.type).toBe("BitstringStatusListEntry");
    expect(entry1.statusReference).toBeUndefined();
  });
});
