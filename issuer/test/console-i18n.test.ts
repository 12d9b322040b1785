import { testDatabases } from "@avala/db/testing";
import { catalogue, isMessageKey } from "@avala/i18n";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { organisationKinds, staffRoles } from "../src/db/schema.js";
import { batchColumns } from "../src/services/batches.js";
import { statusReasons } from "../src/services/status-reasons.js";
import { ConsoleBrowser, staffBrowser } from "./console-support.js";
import { createHarness, type Harness, PLATFORM_TOKEN } from "./harness.js";

/** English words that have no business in Spanish text. */
const ENGLISH = new Set(
  (
    "the and with your you this that sign issue issued search upload download save cancel " +
    "confirm learner credential credentials cohort catalogue password status active revoked " +
    "back preview home staff role rows line column errors find add edit keys audit log level " +
    "name not found from until valid please click here organisation account"
  ).split(" "),
);

function englishWords(text: string): string[] {
  // Identifiers, hashes and tokens (random: a UUID or base64url value can hold "add") are
  // not words: drop long runs of id characters, then take tokens made of letters only.
  const prose = text.replace(/[A-Za-z0-9_-]{16,}/g, " ");
  const tokens = prose.toLowerCase().match(/[a-z0-9áéíóúñü]+/g) ?? [];
  const words = tokens.filter((w) => !/\d/.test(w));
  return [...new Set(words.filter((w) => ENGLISH.has(w)))];
}

/** What a person reads: tags, code samples and text marked as another language removed. */
function readable(html: string): string {
  return html
    .replace(/<(script|style|code|option)[\s\S]*?<\/\1>/g, " ")
    .replace(/<a [^>]*lang="en"[^>]*>[\s\S]*?<\/a>/g, " ")
    .replace(/<(input|textarea)[^>]*>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/g, " ");
}

const consoleKeys = Object.keys(catalogue).filter((k) => k.startsWith("console."));
/** Texts that are the same in both languages on purpose: names, codes, a sample person. */
const same = new Set([
  "console.search.curp",
  "console.org-kind.sep",
  "console.org-kind.conocer",
  "console.catalogue.sample-learner",
  "console.tokens.token",
  "console.no",
  "console.catalogue.sector",
]);

describe("the console's words", () => {
  it("has every console message in Spanish and English, with the same placeholders", () => {
    expect(consoleKeys.length).toBeGreaterThan(300);
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of consoleKeys) {
      const entry = catalogue[key as keyof typeof catalogue];
      expect(entry.es.trim(), key).not.toBe("");
      expect(entry.en.trim(), key).not.toBe("");
      expect(names(entry.es), key).toEqual(names(entry.en));
      if (!same.has(key)) expect(entry.es, `${key} is not translated`).not.toBe(entry.en);
    }
  });

  it("says nothing in English in its Spanish messages", () => {
    const found = consoleKeys
      .filter((key) => key !== "console.language.switch")
      .map(
        (key) =>
          [
            key,
            englishWords(catalogue[key as keyof typeof catalogue].es.replace(/\{\w+\}/g, " ")),
          ] as const,
      )
      .filter(([, words]) => words.length > 0);
    expect(found).toEqual([]);
  });

  it("has a message for every key the pages build from data", () => {
    const keys = [
      ...batchColumns.map((c) => `console.column.${c}`),
      ...organisationKinds.map((k) => `console.org-kind.${k}`),
      ...statusReasons.map((r) => `console.reason.${r}`),
      ...staffRoles.map((r) => `console.role.${r}`),
      ...["invited", "active", "disabled"].map((s) => `console.staff.state.${s}`),
      ...["revoke", "suspend", "reinstate"].flatMap((a) => [
        `console.action.${a}`,
        `console.history.${a}`,
        `console.confirm.${a}.title`,
        `console.confirm.${a}.warning`,
      ]),
      ...[
        "organisation.create",
        "staff.invite",
        "staff.accept",
        "staff.role",
        "staff.disable",
        "staff.enable",
        "token.create",
        "token.revoke",
        "key.rotate",
        "achievement.create",
        "achievement.update",
        "credential.issue",
        "credential.revoke",
        "credential.suspend",
        "credential.reinstate",
        "credential.resend",
        "batch.upload",
        "batch.confirm",
        "batch.discard",
        "endorsement.create",
        "endorsement.withdraw",
      ].map((a) => `console.audit.action.${a}`),
    ];
    expect(keys.filter((k) => !isMessageKey(k))).toEqual([]);
  });
});

describe.each(testDatabases())("Spanish console pages on $name", (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(engine);
  });
  afterEach(() => h.close());

  it("show no English words, signed in or not", async () => {
    const token = (await h.createOrg("ece-a")).token;
    expect((await h.addAchievement("ece-a", token)).status).toBe(201);
    const anonymous = new ConsoleBrowser(h, "es");
    const pages: Array<[string, string]> = [];
    for (const path of ["/console/signin", "/console/platform/signin", "/console/invitation/x"]) {
      pages.push([path, (await anonymous.get(path)).text]);
    }
    const admin = await staffBrowser(h, "ece-a", "ana@ece-a.mx", "admin");
    await admin.get("/console/issue");
    const issued = await admin.post("/console/issue", {
      name: "Lupita",
      email: "lupita@example.mx",
      achievementCode: "EC0217.01",
    });
    const credential = issued.location!;
    for (const path of [
      "/console",
      "/console/issue",
      "/console/batches",
      "/console/batches/new",
      "/console/credentials",
      credential,
      `${credential.split("?")[0]}/status?action=revoke`,
      "/console/catalogue",
      "/console/catalogue/new",
      "/console/catalogue/EC0217.01",
      "/console/admin/staff",
      "/console/admin/tokens",
      "/console/admin/keys",
      "/console/admin/accreditation",
      "/console/admin/audit",
      "/console/no-such-page",
    ]) {
      const page = await admin.get(path);
      expect(page.status, path).toBeLessThan(500);
      pages.push([path, page.text]);
    }
    const platform = new ConsoleBrowser(h, "es");
    await platform.get("/console/platform/signin");
    await platform.post("/console/platform/signin", { token: PLATFORM_TOKEN });
    pages.push(["/console/platform", (await platform.get("/console/platform")).text]);
    for (const [path, html] of pages) {
      expect(html, path).toContain('lang="es-MX"');
      expect(englishWords(readable(html)), path).toEqual([]);
    }
  });
});
