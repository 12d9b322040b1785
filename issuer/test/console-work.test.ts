import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withCurpCheckDigit } from "../src/index.js";
import { claimToken } from "../src/services/claims.js";
import { type ConsoleBrowser, staffBrowser, visibleText } from "./console-support.js";
import { createHarness, type Harness } from "./harness.js";

const CURP = "LOGA040315MDFPRNA3";

function curpFor(i: number): string {
  return withCurpCheckDigit(`GOML${String(i).padStart(6, "0")}HDFRPR0`);
}

/** The public id in a `/console/credentials/:id` redirect. */
function credentialIdOf(location: string | null): string {
  const id = /^\/console\/credentials\/([0-9a-f-]{36})/.exec(location ?? "")?.[1];
  expect(id, location ?? "no redirect").toBeDefined();
  return id!;
}

describe.each(testDatabases())("console: the clerk's work on $name", (engine) => {
  let h: Harness;
  let admin: ConsoleBrowser;
  let adminToken: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    adminToken = (await h.createOrg("ece-a")).token;
    expect((await h.addAchievement("ece-a", adminToken)).status).toBe(201);
    admin = await staffBrowser(h, "ece-a", "ana@ece-a.mx", "admin");
  });
  afterEach(() => h.close());

  async function issueOne(browser: ConsoleBrowser, fields: Record<string, string>) {
    await browser.get("/console/issue");
    return browser.post("/console/issue", {
      achievementCode: "EC0217.01",
      validFrom: "2026-01-15",
      ...fields,
    });
  }

  it("issues one credential after a preview, with its claim link and QR", async () => {
    await admin.get("/console/issue");
    const invalid = await admin.post("/console/issue/preview", {
      name: "Lupita",
      curp: "NOT-A-CURP",
      achievementCode: "EC0217.01",
      evidence: "javascript:alert(1)",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain("Esa CURP no es válida");
    expect(invalid.text).toContain("Escribe una dirección que empiece con https://");
    const missing = await admin.post("/console/issue/preview", {
      name: "Lupita",
      achievementCode: "EC0217.01",
    });
    expect(missing.status).toBe(422);
    const preview = await admin.post("/console/issue/preview", {
      name: "Guadalupe Ramírez",
      email: "Lupita@Example.mx",
      curp: CURP.toLowerCase(),
      achievementCode: "EC0217.01",
      validFrom: "2026-01-15",
      evidence: "https://evidencias.example.mx/lupita",
    });
    expect(preview.status).toBe(200);
    const text = visibleText(preview.text);
    expect(text).toContain("Así la verán la persona y quien la verifique");
    expect(text).toContain("Impartición de cursos");
    expect(text).toContain("Nivel 3 de competencia (CONOCER)");
    expect(text).toContain("15 de enero de 2026");
    // Nothing is issued by a preview.
    expect(await h.ctx.db.selectFrom("issuer_credential").selectAll().execute()).toHaveLength(0);
    const externalId = /name="externalId" value="(console-[0-9a-f-]{36})"/.exec(preview.text)?.[1];
    expect(externalId).toBeDefined();
    const fields = Object.fromEntries(
      [...preview.text.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)]
        .filter((m) => m[1] !== "_csrf")
        .map((m) => [m[1]!, m[2]!.replace(/&amp;/g, "&")]),
    );
    const issued = await admin.post("/console/issue", fields);
    expect(issued.status).toBe(303);
    const id = credentialIdOf(issued.location);
    // Sending the same form again (a double click) issues nothing more.
    const again = await admin.post("/console/issue", fields);
    expect(credentialIdOf(again.location)).toBe(id);
    expect(again.location).toContain("m=duplicate");
    const detail = await admin.get(issued.location!);
    expect(detail.status).toBe(200);
    expect(visibleText(detail.text)).toContain("Credencial emitida.");
    const claim = /id="claim-url" value="(http:\/\/issuer\.test\/claims\/[^"]+)"/.exec(
      detail.text,
    )?.[1];
    expect(claim).toBeDefined();
    expect(detail.text).toContain("<svg");
    expect(detail.text).toMatch(/data-mail-state="(queued|not-configured)"/);
    // The API sees the same credential, signed, valid, with the evidence and the CURP hashed.
    const api = await h.call(`/orgs/ece-a/credentials/${id}`, { token: adminToken });
    expect(api.body.learner.email).toBe("lupita@example.mx");
    expect(api.body.externalId).toBe(externalId);
    expect(api.body.verifiableCredential.evidence).toEqual([
      { id: "https://evidencias.example.mx/lupita", type: ["Evidence"] },
    ]);
    expect(JSON.stringify(api.body.verifiableCredential)).not.toContain(CURP);
    expect((await h.verify(api.body.verifiableCredential)).verdict).toBe("valid");
    // The claim link is a working offer.
    const offer = await h.call(new URL(claim!).pathname, {
      headers: { accept: "application/json" },
    });
    expect(offer.status).toBe(200);
  });

  it("finds a learner by CURP (through its HMAC), name or e-mail, and never another organisation's", async () => {
    const ana = await issueOne(admin, { name: "Ana López", email: "ana.l@example.mx", curp: CURP });
    const anaId = credentialIdOf(ana.location);
    await issueOne(admin, { name: "Beto Núñez", email: "beto@example.mx", curp: curpFor(1) });
    await admin.get("/console/credentials");
    const byCurp = await admin.post("/console/credentials/search", { curp: CURP.toLowerCase() });
    expect(byCurp.status).toBe(200);
    const ids = [...byCurp.text.matchAll(/href="\/console\/credentials\/([0-9a-f-]{36})"/g)].map(
      (m) => m[1],
    );
    expect(ids).toEqual([anaId]);
    // The CURP never went into a URL, and is stored nowhere in clear.
    expect(
      await h.ctx.db.selectFrom("issuer_credential").select("learner_curp_hmac").execute(),
    ).not.toContainEqual({
      learner_curp_hmac: CURP,
    });
    const byName = await admin.post("/console/credentials/search", { name: "lópez" });
    expect(visibleText(byName.text)).toContain("Ana López");
    expect(visibleText(byName.text)).not.toContain("Beto Núñez");
    const byEmail = await admin.post("/console/credentials/search", { email: "BETO@example.mx" });
    expect(visibleText(byEmail.text)).toContain("Beto Núñez");
    const bad = await admin.post("/console/credentials/search", { curp: "XYZ" });
    expect(bad.status).toBe(422);
    expect(visibleText(bad.text)).toContain("Esa CURP no es válida.");
    const wildcard = await admin.post("/console/credentials/search", { name: "%" });
    expect(visibleText(wildcard.text)).toContain("Nada coincide.");

    // Another organisation with a learner of the same CURP: neither sees the other's.
    const otherToken = (await h.createOrg("ece-b")).token;
    expect((await h.addAchievement("ece-b", otherToken)).status).toBe(201);
    const bob = await staffBrowser(h, "ece-b", "bob@ece-b.mx", "admin");
    const bobs = await issueOne(bob, {
      name: "Ana López en B",
      email: "ana.b@example.mx",
      curp: CURP,
    });
    const bobsId = credentialIdOf(bobs.location);
    await bob.get("/console/credentials");
    const seenByBob = await bob.post("/console/credentials/search", { curp: CURP });
    expect(
      [...seenByBob.text.matchAll(/href="\/console\/credentials\/([0-9a-f-]{36})"/g)].map(
        (m) => m[1],
      ),
    ).toEqual([bobsId]);
    for (const path of [
      `/console/credentials/${anaId}`,
      `/console/credentials/${anaId}/status?action=revoke`,
      "/console/catalogue/EC0217.01-NOPE",
    ]) {
      expect((await bob.get(path)).status, path).toBe(404);
    }
    const revoke = await bob.post(`/console/credentials/${anaId}/status`, {
      action: "revoke",
      reason: "fraud",
    });
    expect(revoke.status).toBe(404);
    expect((await bob.post(`/console/credentials/${anaId}/resend`)).status).toBe(404);
    const status = await h.call(`/orgs/ece-a/credentials/${anaId}`, { token: adminToken });
    expect(status.body.status).toBe("active");
  });

  it("revokes after a confirmation with a reason from the list, seen by the API and verifiers", async () => {
    const issued = await issueOne(admin, { name: "Carla", email: "carla@example.mx" });
    const id = credentialIdOf(issued.location);
    const confirm = await admin.get(`/console/credentials/${id}/status?action=revoke`);
    expect(visibleText(confirm.text)).toContain("¿Revocar esta credencial?");
    const noReason = await admin.post(`/console/credentials/${id}/status`, {
      action: "revoke",
      reason: "",
    });
    expect(noReason.status).toBe(422);
    expect(visibleText(noReason.text)).toContain("Elige un motivo de la lista.");
    const done = await admin.post(`/console/credentials/${id}/status`, {
      action: "revoke",
      reason: "data-error",
      text: "CURP equivocada",
    });
    expect(done.status).toBe(303);
    const page = visibleText((await admin.get(done.location!)).text);
    expect(page).toContain("Credencial revocada.");
    expect(page).toContain("Revocada: Datos equivocados: CURP equivocada");
    const api = await h.call(`/orgs/ece-a/credentials/${id}`, { token: adminToken });
    expect(api.body.status).toBe("revoked");
    expect(api.body.history[0]).toMatchObject({
      action: "revoke",
      reason: "[data-error] CURP equivocada",
    });
    expect((await h.verify(api.body.verifiableCredential)).verdict).toBe("invalid");
    // The same rules as the API: revoking twice is refused, in the clerk's words.
    const twice = await admin.post(`/console/credentials/${id}/status`, {
      action: "revoke",
      reason: "fraud",
    });
    expect(twice.status).toBe(409);
    // Suspension needs a suspension entry: refused for this one.
    const suspend = await admin.post(`/console/credentials/${id}/status`, {
      action: "suspend",
      reason: "under-review",
    });
    expect(suspend.status).toBe(409);
    // A reader in English gets the list's label in English (the clerk's own words as typed).
    const reader = await staffBrowser(h, "ece-a", "eve@ece-a.mx", "viewer", "en");
    const english = visibleText((await reader.get(`/console/credentials/${id}`)).text);
    expect(english).toContain("Revoked: Wrong details: CURP equivocada");
    expect(english).not.toContain("Revocar");
  });

  it("hands the claim link, its codes and the PIN to staff who may issue, not to viewers", async () => {
    const issued = await issueOne(admin, { name: "Luz", email: "luz@example.mx" });
    const id = credentialIdOf(issued.location);
    const offer = await h.ctx.db.selectFrom("issuer_claim_offer").selectAll().executeTakeFirst();
    const token = claimToken(h.ctx, offer!.offer_id);
    const adminPage = (await admin.get(`/console/credentials/${id}`)).text;
    expect(adminPage).toContain(token);
    expect(adminPage).toContain("openid-credential-offer");
    const reader = await staffBrowser(h, "ece-a", "ivo@ece-a.mx", "viewer");
    const readerPage = (await reader.get(`/console/credentials/${id}`)).text;
    expect(readerPage).not.toContain(token);
    expect(readerPage).not.toContain("openid-credential-offer");
    expect(readerPage).not.toContain("<svg");
    expect(visibleText(readerPage)).toContain("solo los ve quien puede emitir");
  });

  it("resends the claim link: a new offer, in the history and the audit log", async () => {
    const issued = await issueOne(admin, { name: "Dora", email: "dora@example.mx" });
    const id = credentialIdOf(issued.location);
    await admin.get(`/console/credentials/${id}`);
    const resent = await admin.post(`/console/credentials/${id}/resend`);
    expect(resent.status).toBe(303);
    const page = visibleText((await admin.get(resent.location!)).text);
    expect(page).toContain("El enlace se envió de nuevo.");
    expect(page).toContain("Enlace reenviado");
    // The open link again, by e-mail: two messages in the outbox for the one offer.
    const offers = await h.ctx.db.selectFrom("issuer_claim_offer").selectAll().execute();
    expect(offers).toHaveLength(1);
    const messages = await h.ctx.db
      .selectFrom("issuer_mail_outbox")
      .selectAll()
      .where("kind", "=", "claim-offer")
      .execute();
    expect(messages.map((m) => m.recipient)).toEqual(["dora@example.mx", "dora@example.mx"]);
    expect(messages.every((m) => m.reference === offers[0]!.offer_id)).toBe(true);
    const audit = visibleText((await admin.get("/console/admin/audit")).text);
    expect(audit).toContain("Reenvió un enlace");
    expect(audit).toContain("Emitió una credencial");
  });

  it("adds and edits catalogue entries with both languages, alignments and an image", async () => {
    await admin.get("/console/catalogue/new");
    const bad = await admin.post("/console/catalogue", {
      code: "con espacios",
      kind: "unit",
      name_es: "",
      description_es: "Algo",
      criteria_es: "Algo",
      level: "9",
      image: "http://example.com/x.png",
    });
    expect(bad.status).toBe(422);
    const badText = visibleText(bad.text);
    expect(badText).toContain("Usa letras, números");
    expect(badText).toContain("Este campo es obligatorio.");
    expect(badText).toContain("Un número del 1 al 5.");
    expect(badText).toContain("Escribe una dirección que empiece con https://");
    const created = await admin.post("/console/catalogue", {
      code: "EC0301-U1",
      kind: "unit",
      framework: "conocer",
      name_es: "Diseñar cursos",
      name_en: "Designing courses",
      description_es: "Unidad del estándar EC0301",
      description_en: "Unit of standard EC0301",
      criteria_es: "Evaluación por portafolio",
      level: "3",
      eqfLevel: "4",
      isced_code: "0111",
      isced_name: "Ciencias de la educación",
      standardCode: "EC0301",
      image: "https://img.example.mx/ec0301-u1.png",
    });
    expect(created.status, visibleText(created.text).slice(0, 400)).toBe(303);
    const page = await admin.get(created.location!);
    const text = visibleText(page.text);
    expect(text).toContain("Logro agregado al catálogo.");
    expect(text).toContain("Nivel europeo (EQF)");
    expect(text).toContain("0111 Ciencias de la educación");
    // A qualification lists units that exist; the API sees the same entry.
    const qualification = await admin.post("/console/catalogue", {
      code: "EC0301",
      kind: "qualification",
      name_es: "Diseño de cursos",
      description_es: "Estándar",
      criteria_es: "Evaluación",
      units: ["EC0301-U1"],
    });
    expect(qualification.status).toBe(303);
    const listed = await h.call("/orgs/ece-a/achievements");
    const unit = listed.body.achievements.find((a: { code: string }) => a.code === "EC0301-U1");
    expect(unit).toMatchObject({
      image: "https://img.example.mx/ec0301-u1.png",
      eqfLevel: 4,
      level: 3,
    });
    expect(
      listed.body.achievements.find((a: { code: string }) => a.code === "EC0301").units,
    ).toEqual(["EC0301-U1"]);
    // Editing changes what the next credential carries.
    await admin.get("/console/catalogue/EC0301-U1");
    const edited = await admin.post("/console/catalogue/EC0301-U1", {
      name_es: "Diseñar cursos de formación",
      name_en: "Designing training courses",
      description_es: "Unidad del estándar EC0301",
      criteria_es: "Evaluación por portafolio",
      level: "3",
      image: "https://img.example.mx/nueva.png",
    });
    expect(edited.status).toBe(303);
    const issued = await issueOne(admin, {
      name: "Eva",
      email: "eva@example.mx",
      achievementCode: "EC0301-U1",
    });
    const api = await h.call(`/orgs/ece-a/credentials/${credentialIdOf(issued.location)}`, {
      token: adminToken,
    });
    const achievement = api.body.verifiableCredential.credentialSubject.achievement;
    expect(achievement.name).toBe("Diseñar cursos de formación");
    expect(achievement.image).toEqual({ id: "https://img.example.mx/nueva.png", type: "Image" });
    expect((await h.verify(api.body.verifiableCredential)).verdict).toBe("valid");
    // Operators read the catalogue but cannot change it.
    const operator = await staffBrowser(h, "ece-a", "omar@ece-a.mx", "operator");
    expect((await operator.get("/console/catalogue/EC0301-U1")).status).toBe(200);
    expect((await operator.post("/console/catalogue/EC0301-U1", { name_es: "x" })).status).toBe(
      403,
    );
  });

  it("creates API tokens shown once and revokes them", async () => {
    await admin.get("/console/admin/tokens");
    const created = await admin.post("/console/admin/tokens", {
      label: "SIS nocturno",
      role: "operator",
    });
    expect(created.status).toBe(201);
    const token = /id="new-token" value="(avl_[\w-]+)"/.exec(created.text)?.[1];
    expect(token).toBeDefined();
    expect((await h.call("/orgs/ece-a/credentials", { token })).status).toBe(200);
    const listed = await admin.get("/console/admin/tokens");
    expect(listed.text).not.toContain(token!);
    const row = await h.ctx.db
      .selectFrom("issuer_api_token")
      .selectAll()
      .where("label", "=", "SIS nocturno")
      .executeTakeFirstOrThrow();
    expect((await admin.post(`/console/admin/tokens/${row.token_id}/revoke`)).status).toBe(303);
    expect((await h.call("/orgs/ece-a/credentials", { token })).status).toBe(401);
  });

  it("rotates the signing key after a confirmation; earlier credentials still verify", async () => {
    const issued = await issueOne(admin, { name: "Fer", email: "fer@example.mx" });
    const id = credentialIdOf(issued.location);
    const keys = await admin.get("/console/admin/keys");
    expect(visibleText(keys.text)).toContain("Firma ahora");
    expect((await admin.post("/console/admin/keys/rotate", {})).status).toBe(303);
    const rotated = await admin.post("/console/admin/keys/rotate", { confirm: "yes" });
    expect(visibleText(rotated.text)).toContain("Clave rotada.");
    const list = await h.call("/orgs/ece-a/keys", { token: adminToken });
    expect(list.body.keys).toHaveLength(2);
    const api = await h.call(`/orgs/ece-a/credentials/${id}`, { token: adminToken });
    expect((await h.verify(api.body.verifiableCredential)).verdict).toBe("valid");
  });

  it("lets an authority endorse (granting the right to accredit) and withdraw", async () => {
    await h.createOrg("conocer", { kind: "conocer", authority: true });
    const authority = await staffBrowser(h, "conocer", "dir@conocer.mx", "admin");
    expect(visibleText((await admin.get("/console/admin/accreditation")).text)).toContain(
      "Tu organización no tiene derecho a acreditar a otras.",
    );
    await authority.get("/console/admin/accreditation");
    const endorsed = await authority.post("/console/admin/accreditation", {
      subjectOrg: "ece-a",
      comment_es: "Entidad de certificación acreditada",
      comment_en: "Accredited certification body",
      mayAccredit: "yes",
    });
    expect(endorsed.status, visibleText(endorsed.text).slice(0, 300)).toBe(201);
    const seen = visibleText((await admin.get("/console/admin/accreditation")).text);
    expect(seen).toContain("Entidad de certificación acreditada");
    expect(seen).toContain("con derecho a acreditar a otras");
    const public_ = await h.call("/orgs/ece-a/endorsements");
    expect(public_.body.received).toHaveLength(1);
    const endorsement = public_.body.received[0].id as string;
    await authority.get("/console/admin/accreditation");
    expect(
      (
        await authority.post(`/console/admin/accreditation/${endorsement}/withdraw`, {
          confirm: "yes",
        })
      ).status,
    ).toBe(200);
    expect((await h.call("/orgs/ece-a/endorsements")).body.received).toHaveLength(0);
    // Another organisation's admin cannot withdraw it: it is not theirs.
    expect(
      (await admin.post(`/console/admin/accreditation/${endorsement}/withdraw`, { confirm: "yes" }))
        .status,
    ).toBe(404);
  });
});
