import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDatabases } from "@avala/db/testing";
import { type SmtpCatcher, startSmtpCatcher } from "@avala/mail/catcher";
import QRCode from "qrcode";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findAchievement } from "../src/db/repositories/achievements.js";
import { findOrganisationBySlug } from "../src/db/repositories/organisations.js";
import { claimDueMessages, recordDelivery } from "../src/db/repositories/outbox.js";
import {
  createIssuerContext,
  processBatch,
  readIssuerConfig,
  startIssuer,
  withCurpCheckDigit,
} from "../src/index.js";
import { issueAward, prepareAwards } from "../src/services/awards.js";
import { enqueueStaffInvite } from "../src/services/mail-outbox.js";
import { createHarness, expectProblem, type Harness, issue, PUBLIC_URL } from "./harness.js";

// Claim e-mails through a real SMTP server on 127.0.0.1 (the catcher `pnpm start` runs), read
// back as they arrived. The worker's passes are run by hand (`runOnce`) with the harness clock,
// so back-off and leases are checked without waiting.

const SMTP_USER = "avala-mailer";
const SMTP_PASSWORD = `pw-${randomBytes(8).toString("hex")}`;

let catcher: SmtpCatcher;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
});
afterAll(() => catcher?.close());

function smtpUrl() {
  return catcher.url.replace("smtp://", `smtp://${SMTP_USER}:${SMTP_PASSWORD}@`);
}

const mailSettings = {
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  maxAttempts: 4,
  leaseMs: 30_000,
  batchSize: 5,
};

type Row = Awaited<ReturnType<typeof outboxRows>>[number];
async function outboxRows(h: Harness) {
  return h.ctx.db.selectFrom("issuer_mail_outbox").selectAll().orderBy("id").execute();
}

/** Runs worker passes until one takes nothing. */
async function drain(h: Harness): Promise<number> {
  let total = 0;
  for (let taken = await h.ctx.mail.worker.runOnce(); taken > 0; ) {
    total += taken;
    taken = await h.ctx.mail.worker.runOnce();
  }
  return total;
}

describe.each(testDatabases())("claim e-mail on $name", (engine) => {
  let h: Harness;
  let admin: string;
  let operator: string;
  beforeEach(async () => {
    catcher.refuse(undefined);
    catcher.clear();
    h = await createHarness(engine, {
      smtpUrl: smtpUrl(),
      mailFrom: "no-reply@issuer.test",
      mail: mailSettings,
    } as never);
    admin = (await h.createOrg("ece-m", { email: "escolares@ece-m.example.mx" })).token;
    operator = await h.createToken("ece-m", admin, "operator");
    expect((await h.addAchievement("ece-m", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  const sentTo = (address: string) => catcher.messages().filter((m) => m.to.includes(address));

  it("queues the e-mail with the offer, sends it, and its link claims the credential", async () => {
    const email = `ana-${randomBytes(4).toString("hex")}@example.mx`;
    const issued = await issue(h, "ece-m", operator, {
      learner: { email, name: "Ana López" },
    });
    expect(issued.status, issued.text).toBe(201);
    const claimUrl: string = issued.body.claimUrl;

    // Queued in the issuing transaction; nothing sent yet.
    let outbox = await h.call("/orgs/ece-m/outbox", { token: admin });
    expect(outbox.status, outbox.text).toBe(200);
    expect(outbox.body).toMatchObject({
      transport: { configured: true },
      counts: { queued: 1, sent: 0 },
      messages: [{ kind: "claim-offer", recipient: email, state: "queued", attempts: 0 }],
    });
    expect(outbox.body.messages[0].waiting).toBeUndefined();
    expect(sentTo(email)).toHaveLength(0);

    expect(await drain(h)).toBe(1);
    const mail = await catcher.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe(
      "Tu credencial «Impartición de cursos» está lista / Your credential “Delivering courses” is ready",
    );
    expect(mail.from).toBe('"Org ece-m" <no-reply@issuer.test>');
    expect(mail.envelope).toEqual({ from: "no-reply@issuer.test", to: [email] });
    expect(mail.raw.toString("latin1")).toMatch(/^Reply-To: escolares@ece-m\.example\.mx\r?$/im);
    expect(mail.raw.toString("latin1")).toMatch(/^Auto-Submitted: auto-generated\r?$/im);
    // Spanish first (tú), then the same in English; the claim link in both parts.
    expect(mail.text).toContain("Hola, Ana López:");
    expect(mail.text).toContain(
      "Org ece-m te entrega la credencial digital «Impartición de cursos».",
    );
    expect(mail.text).toContain("Hello Ana López,");
    expect(mail.text.indexOf("Hola")).toBeLessThan(mail.text.indexOf("Hello"));
    expect(mail.text).toContain(claimUrl);
    expect(mail.html).toContain(`href="${claimUrl}"`);
    expect(mail.text).not.toContain("{{link:");
    expect(mail.html).not.toContain("{{link:");
    // The QR code: an inline PNG (cid) of the claim link.
    const qr = mail.attachments.find((a) => a.contentType === "image/png");
    expect(qr?.cid).toMatch(/^claim-qr\..+@avala$/);
    expect(mail.raw.toString("latin1")).toContain(`Content-ID: <${qr!.cid}>`);
    // The HTML shows it: the parser put the image in place of its `cid:` reference.
    expect(mail.html).toMatch(/<img src="data:image\/png;base64,[^"]+" width="200" height="200"/);
    const expected = await QRCode.toBuffer(claimUrl, {
      errorCorrectionLevel: "M",
      margin: 2,
      type: "png",
      width: 300,
    });
    expect(Buffer.compare(qr!.content, expected)).toBe(0);

    // The link works against the issuer's claim endpoint.
    const offer = await h.call(claimUrl.replace(PUBLIC_URL, ""), {
      headers: { accept: "application/json" },
    });
    expect(offer.status, offer.text).toBe(200);
    expect(offer.body.offer.achievement.code).toBe("EC0217.01");

    outbox = await h.call("/orgs/ece-m/outbox", { token: admin });
    expect(outbox.body.messages[0]).toMatchObject({ state: "sent", attempts: 1, lastError: null });
    expect(outbox.body.messages[0].sentAt).toBeTruthy();
    expect(outbox.text).not.toContain(claimUrl);
    // The claim link was never stored: the database alone cannot claim.
    const token = claimUrl.split("/").pop()!;
    const stored = JSON.stringify(await outboxRows(h));
    expect(stored).not.toContain(token.split(".")[1]);
    expect(stored).not.toContain(SMTP_PASSWORD);
    // Nothing more to send.
    expect(await drain(h)).toBe(0);
    expect(sentTo(email)).toHaveLength(1);
  });

  it("writes in the learner's language when it is known", async () => {
    const org = (await findOrganisationBySlug(h.ctx.db, "ece-m"))!;
    const achievement = (await findAchievement(h.ctx.db, org.id, "EC0217.01"))!;
    const email = `john-${randomBytes(4).toString("hex")}@example.mx`;
    const outcome = await issueAward(
      h.ctx,
      org,
      {
        achievement,
        learner: { email, name: "John", locale: "en" },
        externalId: `en-${randomBytes(4).toString("hex")}`,
        statusPurpose: "revocation",
        cryptosuite: "eddsa-rdfc-2022",
      },
      await prepareAwards(h.ctx, org),
    );
    expect(outcome.kind).toBe("issued");
    await drain(h);
    const mail = await catcher.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe("Your credential “Delivering courses” is ready");
    expect(mail.text).toContain("Hello John,");
    expect(mail.text).toContain("Org ece-m has issued you the digital credential");
    expect(mail.text).not.toMatch(/Hola|credencial/);
  });

  it("queues nothing when the offer's transaction rolls back", async () => {
    const org = (await findOrganisationBySlug(h.ctx.db, "ece-m"))!;
    const achievement = (await findAchievement(h.ctx.db, org.id, "EC0217.01"))!;
    await expect(
      issueAward(
        h.ctx,
        org,
        {
          achievement,
          learner: { email: "rollback@example.mx" },
          externalId: "rolled-back",
          statusPurpose: "revocation",
          cryptosuite: "eddsa-rdfc-2022",
          inTransaction: async () => {
            throw new Error("power cut");
          },
        },
        await prepareAwards(h.ctx, org),
      ),
    ).rejects.toThrow("power cut");
    expect(await outboxRows(h)).toEqual([]);
    expect(await h.ctx.db.selectFrom("issuer_claim_offer").selectAll().execute()).toEqual([]);
  });

  it("retries a refusing server with exponential back-off, then gives up", async () => {
    catcher.refuse({ code: 451, message: "Greylisted, try again later" });
    const before = catcher.deliveries;
    const email = `retry-${randomBytes(4).toString("hex")}@example.mx`;
    expect((await issue(h, "ece-m", operator, { learner: { email } })).status).toBe(201);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= mailSettings.maxAttempts; attempt++) {
      expect(await h.ctx.mail.worker.runOnce()).toBe(1);
      const [row] = (await outboxRows(h)) as [Row];
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toContain("451");
      expect(row.last_error).not.toContain(SMTP_PASSWORD);
      expect(row.last_error).not.toContain(SMTP_USER);
      if (attempt < mailSettings.maxAttempts) {
        expect(row.state).toBe("queued");
        const delay = Date.parse(row.next_attempt_at) - h.clock.now.getTime();
        const ceiling = mailSettings.retryBaseMs * 2 ** (attempt - 1);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        delays.push(delay);
        // Not due yet: a pass takes nothing.
        expect(await h.ctx.mail.worker.runOnce()).toBe(0);
        h.clock.advance(delay);
      } else {
        expect(row.state).toBe("failed");
      }
    }
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays[2]!).toBeGreaterThan(delays[0]!);
    expect(catcher.deliveries - before).toBe(mailSettings.maxAttempts);
    h.clock.advance(24 * 3600_000);
    expect(await h.ctx.mail.worker.runOnce()).toBe(0);
    expect(sentTo(email)).toHaveLength(0);
    const outbox = await h.call("/orgs/ece-m/outbox?state=failed", { token: admin });
    expect(outbox.body.messages).toMatchObject([{ state: "failed", attempts: 4 }]);
  });

  it("gives up at once on a permanent refusal (5xx)", async () => {
    catcher.refuse({ code: 550, message: "No such mailbox" });
    expect((await issue(h, "ece-m", operator)).status).toBe(201);
    expect(await h.ctx.mail.worker.runOnce()).toBe(1);
    const [row] = (await outboxRows(h)) as [Row];
    expect(row).toMatchObject({ state: "failed", attempts: 1 });
    expect(row.last_error).toContain("550");
  });

  it("loses nothing and sends once when a worker dies between taking and sending", async () => {
    const email = `crash-${randomBytes(4).toString("hex")}@example.mx`;
    expect((await issue(h, "ece-m", operator, { learner: { email } })).status).toBe(201);
    // Worker A takes the message, then its process dies before it sends.
    const now = h.clock.now;
    const taken = await claimDueMessages(h.ctx.db, {
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + mailSettings.leaseMs).toISOString(),
      leaseToken: "worker-a",
      limit: 10,
    });
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ state: "sending", attempts: 1 });

    // A restarted issuer (a new context on the same database) waits for the lease to end…
    const restarted = createIssuerContext(h.ctx.config, {
      database: { db: h.ctx.db, dialect: h.ctx.dialect, destroy: async () => {} },
      now: h.ctx.now,
      log: h.ctx.log,
    });
    try {
      expect(await restarted.mail.worker.runOnce()).toBe(0);
      h.clock.advance(mailSettings.leaseMs - 1);
      expect(await restarted.mail.worker.runOnce()).toBe(0);
      expect(sentTo(email)).toHaveLength(0);
      // …then sends it, once.
      h.clock.advance(2);
      expect(await restarted.mail.worker.runOnce()).toBe(1);
      expect(await restarted.mail.worker.runOnce()).toBe(0);
    } finally {
      await restarted.destroy();
    }
    await catcher.waitFor((m) => m.to.includes(email));
    expect(sentTo(email)).toHaveLength(1);
    const [row] = (await outboxRows(h)) as [Row];
    expect(row).toMatchObject({ state: "sent", attempts: 2 });
    // Worker A coming back to life cannot overwrite the outcome: its lease is gone.
    const late = await recordDelivery(
      h.ctx.db,
      row.id,
      "worker-a",
      { state: "failed", error: "late" },
      h.clock.now.toISOString(),
    );
    expect(late).toBe(false);
    expect((await outboxRows(h))[0]).toMatchObject({ state: "sent" });
  });

  it("shares the outbox between workers: each message goes out exactly once", async () => {
    const emails = Array.from(
      { length: 12 },
      (_, i) => `share-${i}-${randomBytes(3).toString("hex")}@example.mx`,
    );
    for (const email of emails) {
      expect((await issue(h, "ece-m", operator, { learner: { email } })).status).toBe(201);
    }
    // Two issuer processes on one database (on PostgreSQL each pass has its own connection).
    const other = createIssuerContext(h.ctx.config, {
      database: { db: h.ctx.db, dialect: h.ctx.dialect, destroy: async () => {} },
      now: h.ctx.now,
      log: h.ctx.log,
    });
    try {
      const workers = [h.ctx.mail.worker, other.mail.worker, h.ctx.mail.worker, other.mail.worker];
      let taken = 0;
      for (let round = 0; round < 10 && taken < emails.length; round++) {
        const counts = await Promise.all(workers.map((w) => w.runOnce()));
        taken += counts.reduce((a, b) => a + b, 0);
      }
      expect(taken).toBe(emails.length);
    } finally {
      await other.destroy();
    }
    for (const email of emails) expect(sentTo(email)).toHaveLength(1);
    const rows = await outboxRows(h);
    expect(rows.every((r) => r.state === "sent" && r.attempts === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(emails.length);
  });

  it("queues one message per row of a cohort, in the transaction that stores its chunk", async () => {
    await h.ctx.batches.stop();
    // Every fourth learner has no e-mail (a CURP instead): no message for them.
    const lines = ["externalId,achievementCode,email,curp,name"];
    for (let i = 0; i < 12; i++) {
      const email = i % 4 === 3 ? "" : `p${i}@example.mx`;
      const curp =
        i % 4 === 3 ? withCurpCheckDigit(`GOML${String(i).padStart(6, "0")}HDFRPR0`) : "";
      lines.push(`cohort-${i},EC0217.01,${email},${curp},Persona ${i}`);
    }
    const accepted = await h.call("/orgs/ece-m/batches", {
      token: operator,
      body: `${lines.join("\n")}\n`,
      headers: { "content-type": "text/csv" },
    });
    expect(accepted.status, accepted.text).toBe(202);
    const batch = await h.ctx.db
      .selectFrom("issuer_batch")
      .select("id")
      .where("public_id", "=", accepted.body.id)
      .executeTakeFirstOrThrow();
    // Chunks of four: a power cut inside the second chunk's transaction (at its first row):
    // that chunk's credentials, offers and messages go; the first chunk committed its four
    // rows (three of them have an e-mail).
    let seen = 0;
    await expect(
      processBatch(h.ctx, batch.id, {
        chunkSize: 4,
        hooks: {
          beforeCommit: () => {
            if (++seen === 5) throw new Error("power cut");
          },
        },
      }),
    ).rejects.toThrow("power cut");
    expect(await outboxRows(h)).toHaveLength(3);
    await processBatch(h.ctx, batch.id);
    const rows = await outboxRows(h);
    const withEmail = lines.slice(1).filter((l) => l.split(",")[2] !== "").length;
    expect(rows).toHaveLength(withEmail);
    expect(new Set(rows.map((r) => r.recipient)).size).toBe(withEmail);
    const offers = await h.ctx.db.selectFrom("issuer_claim_offer").select("offer_id").execute();
    const offerIds = new Set(offers.map((o) => o.offer_id));
    expect(rows.every((r) => r.kind === "claim-offer" && offerIds.has(r.reference))).toBe(true);
  });

  it("sends the claim e-mail again on request, with a new offer once the old one expired", async () => {
    const email = `again-${randomBytes(4).toString("hex")}@example.mx`;
    const issued = await issue(h, "ece-m", operator, { learner: { email } });
    const id = issued.body.id as string;
    await drain(h);
    const again = await h.call(`/orgs/ece-m/credentials/${id}/resend-claim`, {
      method: "POST",
      token: operator,
    });
    expect(again.status, again.text).toBe(202);
    expect(again.body).toMatchObject({
      message: { kind: "claim-offer", recipient: email, state: "queued" },
      offer: { new: false, expiresAt: issued.body.claimExpiresAt },
    });
    await drain(h);
    expect(sentTo(email)).toHaveLength(2);
    const [first, second] = sentTo(email);
    const link = (text: string) => /http:\/\/issuer\.test\/claims\/\S+/.exec(text)?.[0];
    expect(link(second!.text)).toBe(link(first!.text));

    // Thirty-one days later the offer has expired: a new one goes out, the old link stays dead.
    h.clock.advance(31 * 86_400_000);
    const renewed = await h.call(`/orgs/ece-m/credentials/${id}/resend-claim`, {
      method: "POST",
      token: operator,
    });
    expect(renewed.status, renewed.text).toBe(202);
    expect(renewed.body.offer.new).toBe(true);
    await drain(h);
    const third = sentTo(email)[2]!;
    expect(link(third.text)).not.toBe(link(first!.text));
    const fresh = await h.call(link(third.text)!.replace(PUBLIC_URL, ""), {
      headers: { accept: "application/json" },
    });
    expect(fresh.status, fresh.text).toBe(200);
  });

  it("cancels a queued claim e-mail whose credential was revoked before it went out", async () => {
    const email = `revoked-${randomBytes(4).toString("hex")}@example.mx`;
    const issued = await issue(h, "ece-m", operator, { learner: { email } });
    const revoked = await h.call(`/orgs/ece-m/credentials/${issued.body.id}/status`, {
      token: operator,
      json: { action: "revoke", reason: "issued in error" },
    });
    expect(revoked.status, revoked.text).toBe(200);
    await drain(h);
    expect(sentTo(email)).toHaveLength(0);
    expect((await outboxRows(h))[0]).toMatchObject({
      state: "cancelled",
      last_error: "the credential was revoked",
    });
    const again = await h.call(`/orgs/ece-m/credentials/${issued.body.id}/resend-claim`, {
      method: "POST",
      token: operator,
    });
    expectProblem(again, 409);
    expect(again.body.code).toBe("issuer.claim.revoked");
  });

  it("refuses a resend without a learner e-mail, for an unknown credential, and the outbox to operators", async () => {
    const noEmail = await issue(h, "ece-m", operator, {
      learner: { curp: "LOGA040315MDFPRNA3", name: "Ana" },
    });
    expect(noEmail.status, noEmail.text).toBe(201);
    const es = await h.call(`/orgs/ece-m/credentials/${noEmail.body.id}/resend-claim`, {
      method: "POST",
      token: operator,
      headers: { "accept-language": "es" },
    });
    expectProblem(es, 409);
    expect(es.body).toMatchObject({
      code: "issuer.outbox.no-recipient",
      detail: "Esta credencial no tiene correo de la persona: no hay a quién enviar el enlace.",
    });
    const en = await h.call(`/orgs/ece-m/credentials/${noEmail.body.id}/resend-claim`, {
      method: "POST",
      token: operator,
      headers: { "accept-language": "en" },
    });
    expect(en.body.detail).toBe(
      "This credential has no learner e-mail: there is nobody to send the link to.",
    );
    const unknown = await h.call("/orgs/ece-m/credentials/nope/resend-claim", {
      method: "POST",
      token: operator,
    });
    expectProblem(unknown, 404);
    expectProblem(await h.call("/orgs/ece-m/outbox", { token: operator }), 403);
    expectProblem(await h.call("/orgs/ece-m/outbox?state=lost", { token: admin }), 400);
    expectProblem(await h.call("/orgs/ece-m/outbox"), 401);
  });

  it("sends a staff invitation with its sealed link, then erases the link", async () => {
    const org = (await findOrganisationBySlug(h.ctx.db, "ece-m"))!;
    const link = `${PUBLIC_URL}/console/invitations/${randomBytes(24).toString("base64url")}`;
    const email = `clerk-${randomBytes(4).toString("hex")}@example.mx`;
    await h.ctx.db.transaction().execute((trx) =>
      enqueueStaffInvite(h.ctx, trx, {
        organisation: org,
        invitationId: 7,
        recipient: email,
        inviteeName: "Lucía",
        inviterName: "Marta Ruiz",
        role: "operator",
        expiresAt: new Date(h.clock.now.getTime() + 7 * 86_400_000).toISOString(),
        link,
        locale: "es",
      }),
    );
    const [queued] = (await outboxRows(h)) as [Row];
    expect(queued).toMatchObject({ kind: "staff-invite", reference: "7", state: "queued" });
    expect(queued.link_sealed).toBeTruthy();
    expect(JSON.stringify(queued)).not.toContain(link.split("/").pop()!);
    await drain(h);
    const mail = await catcher.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe("Te invitan a emitir credenciales de Org ece-m");
    expect(mail.text).toContain("Hola, Lucía:");
    expect(mail.text).toContain(
      "Marta Ruiz te invita a la consola de credenciales de Org ece-m con el rol «operación».",
    );
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.attachments).toHaveLength(0);
    expect((await outboxRows(h))[0]).toMatchObject({ state: "sent", link_sealed: null });
  });
});

describe.each(testDatabases())("without SMTP on $name", (engine) => {
  let h: Harness;
  afterEach(() => h.close());

  it("keeps messages queued, says why, and issuing is unaffected", async () => {
    h = await createHarness(engine);
    const admin = (await h.createOrg("ece-n")).token;
    expect((await h.addAchievement("ece-n", admin)).status).toBe(201);
    expect((await issue(h, "ece-n", admin)).status).toBe(201);
    expect(h.ctx.mail.sender).toBeUndefined();
    expect(await h.ctx.mail.worker.runOnce()).toBe(0);
    const outbox = await h.call("/orgs/ece-n/outbox", { token: admin });
    expect(outbox.body).toMatchObject({
      transport: { configured: false },
      counts: { queued: 1 },
      messages: [{ state: "queued", attempts: 0, waiting: "smtp-not-configured" }],
    });
  });
});

describe("the running issuer", () => {
  it("sends in the background, through SMTP_URL, and stops its worker on close", async () => {
    const local = await startSmtpCatcher();
    const dataDir = await mkdtemp(join(tmpdir(), "avala-mail-"));
    const issuer = await startIssuer(
      {
        port: 0,
        masterKey: randomBytes(32).toString("base64"),
        dataDir,
        smtpUrl: local.url,
        mail: { pollMs: 50 },
      },
      { hostname: "127.0.0.1", log: { info: () => {}, error: console.error } },
    );
    try {
      expect(issuer.context.mail.worker.running).toBe(true);
      const token = issuer.demo!.token;
      const reply = await fetch(`${issuer.url}/orgs/${issuer.demo!.organisation}/credentials`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          achievementCode: "EC0217.01",
          learner: { email: "bg@example.mx", name: "Bea" },
          externalId: "bg-1",
        }),
      });
      expect(reply.status, await reply.clone().text()).toBe(201);
      const { claimUrl } = (await reply.json()) as { claimUrl: string };
      const mail = await local.waitFor((m) => m.to.includes("bg@example.mx"));
      expect(mail.text).toContain(claimUrl);
      // The demo's own learners (made-up addresses) are never mailed.
      expect(local.messages()).toHaveLength(1);
    } finally {
      await issuer.close();
      await local.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    expect(issuer.context.mail.worker.running).toBe(false);
  });
});

describe("mail configuration", () => {
  it("reads SMTP_URL and MAIL_FROM from the environment", () => {
    const config = readIssuerConfig({
      SMTP_URL: "smtps://user:secret@mail.example.org:465",
      MAIL_FROM: "CONALEP <avisos@conalep.example.mx>",
      AVALA_MASTER_KEY: randomBytes(32).toString("base64"),
    });
    expect(config.smtpUrl).toBe("smtps://user:secret@mail.example.org:465");
    expect(config.mailFrom).toEqual({ name: "CONALEP", address: "avisos@conalep.example.mx" });
    const plain = readIssuerConfig({ AVALA_MASTER_KEY: randomBytes(32).toString("base64") });
    expect(plain.smtpUrl).toBeUndefined();
    expect(plain.mailFrom).toEqual({ name: undefined, address: "no-reply@localhost" });
  });

  it("refuses a bad SMTP_URL or MAIL_FROM without repeating a password", () => {
    const key = randomBytes(32).toString("base64");
    for (const SMTP_URL of ["http://user:hunter22@mail.example.org", "sendmail:hunter22"]) {
      let message = "";
      try {
        readIssuerConfig({ SMTP_URL, AVALA_MASTER_KEY: key });
      } catch (error) {
        message = String(error);
      }
      expect(message).toMatch(/SMTP_URL/);
      expect(message).not.toContain("hunter22");
    }
    for (const MAIL_FROM of ["nobody", "A <b@c> d", "Bad\r\nBcc: x@y <a@b.mx>", "<a@b.mx"]) {
      expect(() => readIssuerConfig({ MAIL_FROM, AVALA_MASTER_KEY: key })).toThrow(/MAIL_FROM/);
    }
  });
});
