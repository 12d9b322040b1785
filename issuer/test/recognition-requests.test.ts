import { createHash } from "node:crypto";
import {
  buildPresentation,
  type Credential,
  canonicalForm,
  checkOpenBadgesSchema,
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

const UNIT = "EC0217.01-U1";
const OTHER_UNIT = "EC0217.01-U2";
const MICRO = "SEP-MC-DATOS";
const PROGRAMME = "PT-INFO";

/**
 * Issue 15, part 2: a school's recognition table turns a CONOCER unit and a SEP microcredential
 * into credits toward its programme, in an OB 3.0 recognition credential with `result`,
 * `creditsEarned` and the recognised credentials as evidence.
 */
describe.each(testDatabases())("recognition requests on $name", (engine) => {
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
      "ece-a": await h.createOrg("ece-a"),
      sep: await h.createOrg("sep", {
        kind: "sep",
        authority: true,
        name: { es: "SEP DGCFT", en: "SEP DGCFT" },
      }),
      conalep: await h.createOrg("conalep", {
        kind: "school",
        name: { es: "CONALEP Plantel Toluca", en: "CONALEP Toluca campus" },
      }),
    };
    for (const code of [UNIT, OTHER_UNIT]) {
      const unit = await h.addAchievement("ece-a", orgs["ece-a"]!.token, {
        code,
        kind: "unit",
        standardCode: "EC0217.01",
        name: { es: `Unidad ${code.slice(-2)}`, en: `Unit ${code.slice(-2)}` },
      });
      expect(unit.status, unit.text).toBe(201);
    }
    // CONOCER accredits the body; SEP recognises the school (its RVOE).
    for (const [authority, subjectOrg] of [
      ["conocer", "ece-a"],
      ["sep", "conalep"],
    ] as const) {
      const endorsed = await h.call(`/orgs/${authority}/endorsements`, {
        token: orgs[authority]!.token,
        json: { subjectOrg, comment: { es: "Acreditada", en: "Accredited" } },
      });
      expect(endorsed.status, endorsed.text).toBe(201);
    }
    const micro = await h.addAchievement("sep", orgs["sep"]!.token, {
      code: MICRO,
      kind: "microcredential",
      level: undefined,
      name: { es: "Análisis de datos", en: "Data analysis" },
    });
    expect(micro.status, micro.text).toBe(201);
    const table = await h.call("/orgs/conalep/recognition-table", {
      method: "PUT",
      token: orgs["conalep"]!.token,
      json: { entries: tableEntries() },
    });
    expect(table.status, table.text).toBe(200);
    holder = await generateSigningKey();
  });
  afterEach(() => h.close());

  function tableEntries() {
    const programme = {
      id: PROGRAMME,
      name: { es: "Profesional Técnico en Informática", en: "Technical Professional in IT" },
    };
    return [
      {
        programme,
        module: { code: "M1", name: { es: "Impartir cursos", en: "Teaching courses" } },
        credits: 6,
        counts: { unit: UNIT },
      },
      {
        programme,
        module: { code: "M2", name: { es: "Análisis de datos", en: "Data analysis" } },
        credits: 4,
        counts: { issuer: orgs["sep"]!.did, achievement: MICRO },
      },
      {
        programme,
        module: { code: "M3", name: { es: "Ética profesional", en: "Professional ethics" } },
        credits: 3,
        counts: { standard: "EC0301.01" },
      },
    ];
  }

  const path = (url: string) => url.replace("http://issuer.test", "");

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

  async function held(slug: string, code: string, key: SigningKey = holder) {
    const issued = await issue(h, slug, orgs[slug]!.token, { achievementCode: code });
    expect(issued.status, issued.text).toBe(201);
    return { id: issued.body.id as string, vc: await claim(issued.body.claimUrl, key) };
  }

  async function present(credentials: Credential[]) {
    const got = await h.call("/orgs/conalep/recognition-requests/challenge");
    expect(got.status, got.text).toBe(200);
    return signPresentation(buildPresentation({ holder: holder.controller, credentials }), {
      key: holder,
      documentLoader: h.loader,
      challenge: got.body.challenge,
      domain: got.body.domain,
    });
  }

  async function request(presentation: JsonObject, language = "en", programmeId = PROGRAMME) {
    return h.call("/orgs/conalep/recognition-requests", {
      json: { programmeId, presentation },
      headers: { "accept-language": language },
    });
  }

  function refused(reply: Reply, code: string, credential?: string) {
    expectProblem(reply, 422);
    expect(reply.body.code).toBe(`issuer.recognition-request.${code}`);
    if (credential) {
      expect(reply.body.credential).toContain(credential);
      expect(reply.body.detail).toContain(credential);
    }
  }

  it("recognises a unit and a SEP microcredential as credits, with evidence that verifies", async () => {
    const schools = await h.call("/recognition-tables");
    expect(schools.status, schools.text).toBe(200);
    expect(schools.body.schools).toEqual([
      expect.objectContaining({
        slug: "conalep",
        requestUrl: "http://issuer.test/orgs/conalep/recognition-requests",
        programmes: [expect.objectContaining({ id: PROGRAMME, creditsAvailable: 13 })],
      }),
    ]);
    const published = await h.call("/orgs/conalep/recognition-table");
    expect(published.body.entries).toHaveLength(3);

    const unit = await held("ece-a", UNIT);
    const micro = await held("sep", MICRO);
    const extra = await held("ece-a", OTHER_UNIT);
    const reply = await request(await present([unit.vc, micro.vc, extra.vc]), "es");
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body).toMatchObject({
      creditsEarned: 10,
      creditsAvailable: 13,
      state: "issued",
      recognised: [
        { code: "M1", credits: 6, credentials: [unit.vc.id] },
        { code: "M2", credits: 4, credentials: [micro.vc.id] },
      ],
      notRecognised: [expect.objectContaining({ id: extra.vc.id })],
      claimUrl: expect.stringContaining("/claims/"),
    });
    expect(reply.body.note.detail).toBe(
      "Te reconocimos 10 créditos de Profesional Técnico en Informática.",
    );
    expect(reply.body.notRecognisedNote.detail).toContain(OTHER_UNIT);

    const recognition = await claim(reply.body.claimUrl, holder);
    const subject = recognition.credentialSubject as JsonObject;
    expect(subject["id"]).toBe(holder.controller);
    expect(subject["creditsEarned"]).toBe(10);
    const achievement = subject["achievement"] as JsonObject;
    expect(achievement["humanCode"]).toBe(PROGRAMME);
    expect(achievement["creditsAvailable"]).toBe(13);
    const descriptions = achievement["resultDescription"] as JsonObject[];
    expect(descriptions.map((d) => d["name"])).toEqual([
      expect.stringContaining("M1"),
      expect.stringContaining("M2"),
      expect.stringContaining("M3"),
    ]);
    const results = subject["result"] as JsonObject[];
    expect(results.map((r) => r["resultDescription"])).toEqual([
      descriptions[0]!["id"],
      descriptions[1]!["id"],
    ]);

    // The recognised credentials are the evidence: ids and digests of what was presented.
    const evidence = recognition["evidence"] as JsonObject[];
    expect(evidence.map((e) => e["id"])).toEqual([unit.vc.id, micro.vc.id]);
    for (const [i, vc] of [unit.vc, micro.vc].entries()) {
      const digest = createHash("sha256")
        .update(await canonicalForm(vc, h.loader))
        .digest();
      expect(evidence[i]!["digestMultibase"]).toBe(
        `u${Buffer.concat([Buffer.from([0x12, 0x20]), digest]).toString("base64url")}`,
      );
    }
    // The 1EdTech schema (contexts/schemas, the same file as the published one) and the verifier.
    expect(checkOpenBadgesSchema(recognition as JsonObject)).toMatchObject({ outcome: "pass" });
    const verification = await verifyIssuedCredential(h.ctx, recognition);
    expect(verification.verdict, JSON.stringify(verification.checks)).toBe("valid");
    expect(verification.kind === "credential" && verification.trust?.status).toBe("accredited");
  });

  it("refuses nothing recognised, a revoked or another holder's credential, and a replay", async () => {
    const unit = await held("ece-a", UNIT);
    const extra = await held("ece-a", OTHER_UNIT);

    const nothing = await request(await present([extra.vc]), "es");
    refused(nothing, "nothing-recognised");
    expect(nothing.body.detail).toBe(
      `Ninguna de tus credenciales cuenta para Profesional Técnico en Informática: ${OTHER_UNIT} · Unidad U2.`,
    );

    const stranger = await generateSigningKey();
    const theirs = await held("sep", MICRO, stranger);
    refused(await request(await present([unit.vc, theirs.vc])), "credential-foreign-holder", MICRO);

    const vp = await present([unit.vc]);
    expect((await request(vp)).status).toBe(201);
    refused(await request(vp), "challenge");

    const revoke = await h.call(`/orgs/ece-a/credentials/${unit.id}/status`, {
      token: orgs["ece-a"]!.token,
      json: { action: "revoke", reason: "error" },
    });
    expect(revoke.status, revoke.text).toBe(200);
    const revoked = await request(await present([unit.vc]), "es");
    refused(revoked, "credential-revoked", UNIT);
    expect(revoked.body.detail).toBe(
      `La credencial ${UNIT} · Unidad U1 (Org ece-a) fue revocada por quien la emitió.`,
    );

    refused(await request(await present([unit.vc]), "en", "NOPE"), "unknown-programme");
  });

  it("grants credits for the same credentials once, again only after the school revokes them", async () => {
    const unit = await held("ece-a", UNIT);
    const micro = await held("sep", MICRO);
    const first = await request(await present([unit.vc]));
    expect(first.status, first.text).toBe(201);
    // The same unit again: refused, named; with a new credential, only the new one is added.
    const again = await request(await present([unit.vc]), "es");
    refused(again, "already-recognised");
    expect(again.body.detail).toContain(UNIT);
    const more = await request(await present([unit.vc, micro.vc]));
    expect(more.status, more.text).toBe(201);
    expect(more.body.creditsEarned).toBe(10);
    // The school revokes both recognitions: the credits may be asked for again.
    for (const reply of [first, more]) {
      const row = await h.ctx.db
        .selectFrom("issuer_recognition_request as r")
        .innerJoin("issuer_credential as c", "c.id", "r.credential_id")
        .select("c.public_id")
        .where("r.public_id", "=", String(reply.body.id))
        .executeTakeFirstOrThrow();
      const revoke = await h.call(`/orgs/conalep/credentials/${row.public_id}/status`, {
        token: orgs["conalep"]!.token,
        json: { action: "revoke", reason: "error" },
      });
      expect(revoke.status, revoke.text).toBe(200);
    }
    expect((await request(await present([unit.vc]))).status).toBe(201);
  });

  it("waits for a clerk's review when the school asks for it, then issues or refuses", async () => {
    const token = orgs["conalep"]!.token;
    const review = await h.call("/orgs/conalep/recognition-table", {
      method: "PUT",
      token,
      json: { entries: tableEntries(), mode: "review" },
    });
    expect(review.body.mode).toBe("review");
    const unit = await held("ece-a", UNIT);
    const pending = await request(await present([unit.vc]));
    expect(pending.status, pending.text).toBe(202);
    expect(pending.body).toMatchObject({ state: "pending", creditsEarned: 6 });
    expect(pending.body.claimUrl).toBeUndefined();
    expectProblem(await h.call("/orgs/conalep/recognition-requests"), 401);
    const list = await h.call("/orgs/conalep/recognition-requests?state=pending", { token });
    expect(list.body.requests.map((r: { id: string }) => r.id)).toEqual([pending.body.id]);

    const approved = await h.call(`/orgs/conalep/recognition-requests/${pending.body.id}/approve`, {
      token,
      method: "POST",
    });
    expect(approved.status, approved.text).toBe(200);
    const status = await h.call(path(pending.body.statusUrl));
    expect(status.body).toMatchObject({ state: "issued", claimUrl: approved.body.claimUrl });
    const recognition = await claim(approved.body.claimUrl, holder);
    expect((recognition.credentialSubject as JsonObject)["creditsEarned"]).toBe(6);
    expectProblem(
      await h.call(`/orgs/conalep/recognition-requests/${pending.body.id}/refuse`, {
        token,
        method: "POST",
      }),
      409,
    );

    // The same unit is not recognised twice; another credential goes to review, and is refused.
    refused(await request(await present([unit.vc])), "already-recognised");
    const micro = await held("sep", MICRO);
    const second = await request(await present([micro.vc]));
    expect(second.status, second.text).toBe(202);
    const refusal = await h.call(`/orgs/conalep/recognition-requests/${second.body.id}/refuse`, {
      token,
      method: "POST",
    });
    expect(refusal.status, refusal.text).toBe(200);
    expect((await h.call(path(second.body.statusUrl))).body.state).toBe("refused");
    expectProblem(await h.call("/orgs/conalep/recognition-requests/nope"), 404);
  });

  it("shows the table and pending requests in the console, where a clerk approves one", async () => {
    const clerk = await staffBrowser(h, "conalep", "ana@conalep.mx", "admin");
    expect((await clerk.get("/console/recognition")).status).toBe(200);
    const saved = await clerk.post("/console/recognition/mode", { mode: "review" });
    expect([saved.status, saved.location]).toEqual([303, "/console/recognition?m=saved"]);
    const unit = await held("ece-a", UNIT);
    const pending = await request(await present([unit.vc]));
    expect(pending.status, pending.text).toBe(202);
    const page = await clerk.get("/console/recognition");
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain("Convalidaciones de créditos");
    expect(text).toContain("Profesional Técnico en Informática");
    expect(text).toContain("Unidad EC0217.01-U1");
    expect(text).toContain("Org ece-a");
    const approved = await clerk.post(`/console/recognition/${pending.body.id}/approve`);
    expect(approved.status).toBe(303);
    expect(approved.location).toBe("/console/recognition?m=approved");
    expect((await h.call(path(pending.body.statusUrl))).body.state).toBe("issued");
    expect(visibleText((await clerk.get("/console/recognition?m=approved")).text)).toContain(
      "Constancia emitida",
    );
    const audited = await h.ctx.db.selectFrom("issuer_audit_event").select("action").execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(["recognition-request.approve", "recognition-request.mode"]),
    );
  });

  it("keeps the table to its admins and its schema", async () => {
    const put = (json: unknown, token?: string) =>
      h.call("/orgs/conalep/recognition-table", {
        method: "PUT",
        json,
        ...(token ? { token } : {}),
      });
    expectProblem(await put({ entries: [] }), 401);
    expectProblem(await put({ entries: [{ credits: 3 }] }, orgs["conalep"]!.token), 400);
    const tooMany = Array.from({ length: 501 }, () => tableEntries()[0]);
    expectProblem(await put({ entries: tooMany }, orgs["conalep"]!.token), 400);
    expectProblem(await h.call("/orgs/nobody/recognition-table"), 404);
    expectProblem(
      await h.call("/orgs/conalep/recognition-requests", {
        body: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
    );
  });
});
