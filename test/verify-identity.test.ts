import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { type IssuerTables, type RunningIssuer, startIssuer } from "@avala/issuer";
import { loadConfig, type RunningVerifier, startVerifier } from "@avala/verifier";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, resultsDir, withScreenshot } from "./support/browser.js";

// What the employer sees, in real Chromium, of credentials a real issuer signed (on loopback,
// its database on SQLite and PostgreSQL): whose certificate it is ("Issued to …, as recorded by
// the issuer"); a CURP or e-mail checked in the browser against the credential's salted hashes,
// with nothing sent anywhere; and a revocation as a verdict of its own, with its date and the
// reason the clerk made public, in English and Spanish.

const NAME = "María José Núñez";
const CURP = "NUMJ900412MDFXXR04";
const OTHER_CURP = "GOML850101HDFRPR09";
const EMAIL = "maria.nunez@example.mx";

const screens = [
  { name: "phone", width: 390, height: 844, mobile: true },
  { name: "laptop", width: 1366, height: 768, mobile: false },
] as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(resultsDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe.each(testDatabases())(
  "verify page: the person and the issuer's word, on $name",
  (engine) => {
    const clock = { now: new Date("2027-03-01T15:00:00Z") };
    let dataDir: string;
    let issuer: RunningIssuer;
    let verifier: RunningVerifier;
    const documents: Record<"valid" | "revoked" | "emailOnly" | "nameless", JsonObject> = {
      valid: {},
      revoked: {},
      emailOnly: {},
      nameless: {},
    };

    async function api(path: string, body: unknown, method = "POST") {
      const demo = issuer.demo!;
      const response = await fetch(`${issuer.url}/orgs/${demo.organisation}${path}`, {
        method,
        headers: { authorization: `Bearer ${demo.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as JsonObject;
      expect(response.status, JSON.stringify(json)).toBeLessThan(300);
      return json;
    }

    async function award(learner: Record<string, string>) {
      return (await api("/credentials", {
        achievementCode: issuer.demo!.achievementCode,
        learner,
        externalId: `identity-${randomBytes(6).toString("hex")}`,
      })) as { id: string; verifiableCredential: JsonObject };
    }

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), "avala-identity-"));
      const port = await freePort();
      const host = `127.0.0.1:${port}`;
      issuer = await startIssuer(
        {
          port,
          publicUrl: `http://${host}`,
          masterKey: randomBytes(32).toString("base64"),
          platformAdminToken: `platform-${randomBytes(16).toString("hex")}`,
          dataDir,
        },
        {
          database: await engine.open<IssuerTables>(),
          seed: true,
          hostname: "127.0.0.1",
          now: () => clock.now,
          log: { info: () => {}, error: console.error },
        },
      );
      documents.valid = (
        await award({ curp: CURP, email: EMAIL, name: NAME })
      ).verifiableCredential;
      documents.emailOnly = (await award({ email: EMAIL, name: NAME })).verifiableCredential;
      const revoked = await award({ curp: CURP, name: NAME });
      documents.revoked = revoked.verifiableCredential;
      clock.now = new Date("2027-03-12T16:05:00Z");
      await api(`/credentials/${revoked.id}/status`, {
        action: "revoke",
        reason: "[fraud] Documentos de identidad falsos",
        publicReason: true,
      });
      // An organisation that keeps names out of its credentials.
      await api("", { learnerNameInCredentials: false }, "PATCH");
      documents.nameless = (await award({ curp: CURP, name: NAME })).verifiableCredential;
      clock.now = new Date("2027-03-20T09:00:00Z");
      const verifierPort = await freePort();
      verifier = await startVerifier(
        loadConfig({
          VERIFIER_PORT: String(verifierPort),
          VERIFIER_HOST: "127.0.0.1",
          VERIFIER_PUBLIC_URL: `http://127.0.0.1:${verifierPort}`,
          AVALA_FETCH_ALLOW_HOSTS: host,
          AVALA_TRUST_REGISTRY: `${issuer.url}/trust-registry.json`,
          AVALA_TRUST_REGISTRY_OPERATOR: issuer.registryOperator!,
          VERIFIER_RATE_LIMIT: "1000",
        }),
        { now: () => clock.now },
      );
    }, 120_000);

    afterAll(async () => {
      await verifier?.close();
      await issuer?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    /** Opens the verify page in `lang`, pastes the document and waits for the result. */
    async function verifyOn(
      kind: keyof typeof documents,
      lang: "es" | "en",
      screen: (typeof screens)[number] = screens[1],
      javaScriptEnabled = true,
    ) {
      const context = await browser.newContext({
        locale: lang === "es" ? "es-MX" : "en-GB",
        viewport: { width: screen.width, height: screen.height },
        isMobile: screen.mobile,
        hasTouch: screen.mobile,
        javaScriptEnabled,
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      await page.goto(`${verifier.url}/?lang=${lang}`);
      await page.locator("#document").fill(JSON.stringify(documents[kind]));
      await page.locator("#paste-submit").click();
      await page.locator("#result").waitFor();
      return { context, page, problems };
    }

    async function identityCheck(
      page: Page,
      value: string,
    ): Promise<{ state: string; text: string }> {
      const result = page.locator(".identity-result").first();
      await page.locator(".identity-check input").first().fill(value);
      await page.locator(".identity-check button").first().click();
      // Typing clears the last answer; the new one comes once the hashes are compared.
      await page.locator(".identity-result[data-result]").first().waitFor();
      return {
        state: (await result.getAttribute("data-result")) ?? "",
        text: (await result.textContent()) ?? "",
      };
    }

    const texts = {
      en: {
        revoked: "Revoked by the issuer on 12 March 2027",
        reason:
          "Reason given by the issuer: Fraud or impersonation — Documentos de identidad falsos",
        person: `Issued to ${NAME}, as recorded by the issuer`,
        title: "Check the CURP or e-mail the candidate gave you",
        match: "Matches: the certificate was issued to that CURP.",
        noMatch: "Does not match: the certificate was not issued to that CURP.",
        emailMatch: "Matches: the certificate was issued to that e-mail address.",
        noCurp: "This certificate holds no CURP to compare.",
        noscript: "This check runs in your browser and needs JavaScript.",
      },
      es: {
        revoked: "Revocada por el emisor el 12 de marzo de 2027",
        reason: "Motivo que dio el emisor: Fraude o suplantación — Documentos de identidad falsos",
        person: `Emitido a nombre de ${NAME}, tal como lo registró el emisor`,
        title: "Comprueba la CURP o el correo que te dio la persona candidata",
        match: "Coincide: el certificado se emitió con esa CURP.",
        noMatch: "No coincide: el certificado no se emitió con esa CURP.",
        emailMatch: "Coincide: el certificado se emitió con ese correo.",
        noCurp: "Este certificado no tiene una CURP con la cual comparar.",
        noscript: "Esta comprobación se hace en tu navegador y necesita JavaScript.",
      },
    } as const;

    for (const lang of ["en", "es"] as const) {
      it(`${lang}: the person first, and a CURP or e-mail checked in the browser`, async () => {
        const { context, page, problems } = await verifyOn("valid", lang);
        try {
          await withScreenshot(page, `identity-valid-${lang}`, async () => {
            const t = texts[lang];
            expect(await page.locator("#result").getAttribute("data-verdict")).toBe("valid");
            expect(await page.locator('[data-field="holder"] .holder-name').textContent()).toBe(
              t.person,
            );
            expect(await page.locator(".identity h4").textContent()).toBe(t.title);
            await page.locator(".identity-check").waitFor({ state: "visible" });
            // Nothing typed leaves the page: no request at all while checking.
            const requests: string[] = [];
            page.on("request", (request) => requests.push(request.url()));
            // The CURP as a person types it (lower case, spaces around): normalised as the issuer does.
            expect(await identityCheck(page, `  ${CURP.toLowerCase()} `)).toEqual({
              state: "match",
              text: t.match,
            });
            expect(await identityCheck(page, OTHER_CURP)).toEqual({
              state: "no-match",
              text: t.noMatch,
            });
            expect(await identityCheck(page, ` ${EMAIL.toUpperCase()}`)).toEqual({
              state: "match",
              text: t.emailMatch,
            });
            expect((await identityCheck(page, "otra@example.mx")).state).toBe("no-match");
            expect((await identityCheck(page, "not a curp")).state).toBe("unrecognised");
            expect(requests).toEqual([]);
            expect(page.url()).toBe(`${verifier.url}/`);
            expect(problems).toEqual([]);
          });
        } finally {
          await context.close();
        }
      }, 60_000);

      it(`${lang}: revoked by the issuer on a date, with the public reason`, async () => {
        const { context, page } = await verifyOn("revoked", lang, screens[0]);
        try {
          await withScreenshot(page, `identity-revoked-${lang}`, async () => {
            const t = texts[lang];
            expect(await page.locator("#result").getAttribute("data-state")).toBe("revoked");
            expect(await page.locator("#verdict").textContent()).toBe(t.revoked);
            expect(await page.locator("#result > .banner .withdrawn-fact").textContent()).toBe(
              t.reason,
            );
            // Not a forgery's words.
            // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it.
            const visible = await page.locator("#result").innerText();
            expect(visible).not.toContain(lang === "en" ? "Do not rely" : "No confíes");
            expect(await page.locator('[data-field="holder"] .holder-name').textContent()).toBe(
              t.person,
            );
            // The verdict and the person stay in a phone's first screen, reason and all.
            for (const selector of ["#verdict", ".withdrawn-fact", '[data-field="holder"]']) {
              const bottom = await page
                .locator(selector)
                .first()
                .evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
              expect(bottom, selector).toBeLessThanOrEqual(844);
            }
            // Still the holder's certificate: the CURP check works on it too.
            expect((await identityCheck(page, CURP)).state).toBe("match");
          });
        } finally {
          await context.close();
        }
      }, 60_000);

      it(`${lang}: no CURP to compare; no name when the issuer keeps it out`, async () => {
        const t = texts[lang];
        const email = await verifyOn("emailOnly", lang);
        try {
          expect(await identityCheck(email.page, CURP)).toEqual({ state: "none", text: t.noCurp });
          expect((await identityCheck(email.page, EMAIL)).state).toBe("match");
        } finally {
          await email.context.close();
        }
        const nameless = await verifyOn("nameless", lang);
        try {
          expect(await nameless.page.locator(".holder-name").count()).toBe(0);
          expect(await nameless.page.locator('[data-field="holder"] dd').textContent()).toBe(
            lang === "en" ? "Identified by CURP (hidden)" : "Identificado por CURP (no se muestra)",
          );
          expect((await identityCheck(nameless.page, CURP)).state).toBe("match");
        } finally {
          await nameless.context.close();
        }
      }, 60_000);

      it(`${lang}: without JavaScript the check is hidden and says it needs it`, async () => {
        const { context, page } = await verifyOn("valid", lang, screens[1], false);
        try {
          expect(await page.locator(".identity-check").isVisible()).toBe(false);
          expect(await page.locator(".identity").textContent()).toContain(texts[lang].noscript);
          expect(await page.locator('[data-field="holder"] .holder-name').textContent()).toBe(
            texts[lang].person,
          );
        } finally {
          await context.close();
        }
      }, 60_000);
    }

    it("screenshots: valid and revoked, phone and laptop, both languages", async () => {
      for (const kind of ["valid", "revoked"] as const) {
        for (const screen of screens) {
          for (const lang of ["es", "en"] as const) {
            const { context, page } = await verifyOn(kind, lang, screen);
            try {
              expect(
                await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
              ).toBeLessThanOrEqual(0);
              const name = `identity-${kind}-${screen.name}-${lang}-${engine.name}`;
              // The first screen, as the employer opens it; then the whole page after a check.
              await page.screenshot({ path: new URL(`${name}-first.png`, resultsDir).pathname });
              if (kind === "valid") await identityCheck(page, CURP);
              await page.screenshot({
                path: new URL(`${name}.png`, resultsDir).pathname,
                fullPage: true,
              });
            } finally {
              await context.close();
            }
          }
        }
      }
    }, 120_000);
  },
);
