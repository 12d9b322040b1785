import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackAddress, type MailCatcher, startMailCatcher } from "../src/catcher/index.js";
import {
  createSmtpSender,
  describeSendError,
  describeSmtpUrl,
  type MailSender,
  mayRetry,
  parseSmtpUrl,
  retryDelayMs,
} from "../src/index.js";

// A real SMTP conversation on 127.0.0.1: nodemailer (pooled) → smtp-server → mailparser.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==",
  "base64",
);

describe("SMTP sender and catcher", () => {
  let catcher: MailCatcher;
  let sender: MailSender;
  beforeAll(async () => {
    catcher = await startMailCatcher();
    // A user name and password: the catcher takes any login; it must not leak into errors.
    const url = catcher.smtpUrl.replace("smtp://", "smtp://avala-user:s3cret-pass@");
    sender = createSmtpSender({ url, clientName: "issuer.test" });
  });
  afterAll(async () => {
    sender?.close();
    await catcher?.close();
  });

  it("delivers text, HTML and an inline image, and the catcher parses them", async () => {
    const sent = await sender.send({
      from: { name: "CONALEP Plantel Ñuñoa", address: "no-reply@issuer.test" },
      to: "ana@example.mx",
      replyTo: "escolares@conalep.example.mx",
      subject: "Tu credencial «Impartición de cursos» está lista",
      text: "Hola, Ana:\nhttp://issuer.test/claims/abc",
      html: '<p>Hola, Ana</p><img src="cid:qr@avala" alt="QR">',
      messageId: "<outbox-1@issuer.test>",
      attachments: [
        { filename: "qr.png", contentType: "image/png", content: png, cid: "qr@avala" },
      ],
    });
    expect(sent.messageId).toBe("<outbox-1@issuer.test>");
    const mail = await catcher.smtp.waitFor((m) => m.messageId === "<outbox-1@issuer.test>");
    expect(mail.subject).toBe("Tu credencial «Impartición de cursos» está lista");
    expect(mail.from).toContain("CONALEP Plantel Ñuñoa");
    expect(mail.envelope).toEqual({ from: "no-reply@issuer.test", to: ["ana@example.mx"] });
    expect(mail.text).toContain("http://issuer.test/claims/abc");
    expect(mail.html).toContain("Hola, Ana");
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ contentType: "image/png", cid: "qr@avala" });
    expect(Buffer.compare(mail.attachments[0]!.content, png)).toBe(0);
    expect(mail.raw.toString("latin1")).toMatch(/^Reply-To: escolares@conalep\.example\.mx/im);
  });

  it("reports a 4xx refusal as worth retrying and a 5xx as permanent, without the password", async () => {
    catcher.smtp.refuse({ code: 451, message: "Try again later" });
    const temporary = await sender
      .send({ from: "a@issuer.test", to: "b@example.mx", subject: "x", text: "x" })
      .catch((error: unknown) => error);
    catcher.smtp.refuse({ code: 550, message: "No such mailbox" });
    const permanent = await sender
      .send({ from: "a@issuer.test", to: "b@example.mx", subject: "x", text: "x" })
      .catch((error: unknown) => error);
    catcher.smtp.refuse(undefined);
    const url = "smtp://avala-user:s3cret-pass@127.0.0.1:1";
    const a = describeSendError(temporary, url);
    const b = describeSendError(permanent, url);
    expect(a).toMatchObject({ permanent: false, summary: expect.stringContaining("451") });
    expect(b).toMatchObject({ permanent: true, summary: expect.stringContaining("550") });
    const leaky = describeSendError(new Error("login avala-user / s3cret-pass refused"), url);
    expect(leaky.summary).not.toContain("s3cret-pass");
    expect(leaky.summary).not.toContain("avala-user");
  });

  it("reports a refused connection as worth retrying", async () => {
    const dead = await startMailCatcher();
    const url = dead.smtpUrl;
    await dead.close();
    const nowhere = createSmtpSender({ url, connectionTimeoutMs: 2000 });
    const error = await nowhere
      .send({ from: "a@issuer.test", to: "b@example.mx", subject: "x", text: "x" })
      .catch((e: unknown) => e);
    nowhere.close();
    expect(describeSendError(error, url).permanent).toBe(false);
    expect(describeSendError(error, url).summary).toMatch(/ECONNREFUSED|ECONNECTION/);
  });

  it("serves the inbox page in Spanish and English, and the message with its parts", async () => {
    const mail = catcher.smtp.messages().find((m) => m.messageId === "<outbox-1@issuer.test>")!;
    const es = await fetch(catcher.inboxUrl, { headers: { "accept-language": "es-MX" } });
    const esText = await es.text();
    expect(es.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(esText).toContain('<html lang="es">');
    expect(esText).toContain("Correo de prueba");
    expect(esText).toContain("Tu credencial «Impartición de cursos» está lista");
    expect(esText).toContain('name="viewport"');
    const en = await (await fetch(`${catcher.inboxUrl}?lang=en`)).text();
    expect(en).toContain("Test mail");
    expect(en).not.toContain("Correo de prueba");
    const page = await (await fetch(`${catcher.inboxUrl}messages/${mail.id}?lang=es`)).text();
    expect(page).toContain("http://issuer.test/claims/abc");
    expect(page).toContain('<iframe sandbox title="');
    const body = await fetch(`${catcher.inboxUrl}messages/${mail.id}/body.html`);
    expect(body.headers.get("content-security-policy")).toMatch(/^sandbox;/);
    expect(await body.text()).toContain("Hola, Ana");
    const image = await fetch(`${catcher.inboxUrl}messages/${mail.id}/attachments/0`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect((await fetch(`${catcher.inboxUrl}messages/999`)).status).toBe(404);
    // Whatever a message says is escaped on the page.
    await sender.send({
      from: "a@issuer.test",
      to: "c@example.mx",
      subject: "<b>x</b>",
      text: "<script>",
    });
    await catcher.smtp.waitFor((m) => m.subject === "<b>x</b>");
    const list = await (await fetch(catcher.inboxUrl)).text();
    expect(list).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(list).not.toContain("<b>x</b>");
  });
});

describe("catcher addresses", () => {
  it("listens on loopback only", async () => {
    expect(isLoopbackAddress("127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("127.9.9.9")).toBe(true);
    expect(isLoopbackAddress("::1")).toBe(true);
    expect(isLoopbackAddress("0.0.0.0")).toBe(false);
    expect(isLoopbackAddress("localhost")).toBe(false);
    expect(isLoopbackAddress("10.0.0.1")).toBe(false);
    await expect(startMailCatcher({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
  });
});

describe("SMTP URLs", () => {
  it("takes smtp and smtps only, and never repeats the password", () => {
    expect(parseSmtpUrl("smtp://127.0.0.1:2525")).toEqual({
      secure: false,
      host: "127.0.0.1",
      port: 2525,
      authenticated: false,
    });
    expect(parseSmtpUrl("smtps://u:p@mail.example.org")).toMatchObject({ secure: true, port: 465 });
    expect(describeSmtpUrl("smtps://user:hunter22@mail.example.org:465")).toBe(
      "smtps://mail.example.org:465 (with a user name and password)",
    );
    for (const bad of ["http://x", "sendmail", "smtp://", "smtp://user:hunter22@/"]) {
      expect(() => parseSmtpUrl(bad)).toThrow(TypeError);
      try {
        parseSmtpUrl(bad);
      } catch (error) {
        expect(String(error)).not.toContain("hunter22");
      }
    }
  });
});

describe("retry back-off", () => {
  const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 };
  it("doubles from the base, between half and all of it, up to the ceiling", () => {
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(30, policy, () => 1)).toBe(60_000);
    for (let attempt = 1; attempt < 6; attempt++) {
      // The shortest wait after an attempt is the longest after the one before.
      expect(retryDelayMs(attempt + 1, policy, () => 0)).toBe(
        retryDelayMs(attempt, policy, () => 1),
      );
    }
    expect(() => retryDelayMs(0, policy)).toThrow(RangeError);
  });
  it("allows maxAttempts attempts in all", () => {
    expect(mayRetry(4, policy)).toBe(true);
    expect(mayRetry(5, policy)).toBe(false);
  });
});
