import type { JsonObject } from "@avala/credentials";
import { CompactSign, exportSPKI, generateKeyPair } from "jose";
import { hashedRecipient } from "./recipient.js";

/**
 * Test kit: an Open Badges 2.0 issuer's site on 127.0.0.1 (issuer profile, RSA key, revocation
 * list, one badge class) that serves hosted assertions and signs others with a key made here.
 * For tests of the page and the wallet; nothing here reaches any other address.
 */

/** The part of the test kit's fixture server (`startFixtureServer`) the site needs. */
export interface Ob2SiteServer {
  origin: string;
  host: string;
  serve(path: string, value: unknown, contentType?: string): string;
  remove(path: string): void;
  close(): Promise<void>;
}

export const OB2_CONTEXT_URL = "https://w3id.org/openbadges/v2";

export interface Ob2Site {
  server: Ob2SiteServer;
  /** The e-mail every badge is awarded to unless told otherwise. */
  email: string;
  profileId: string;
  badgeClassId: string;
  /** Serves a hosted assertion at `/assertions/<name>.json` and returns it. */
  hosted(name: string, extra?: JsonObject): JsonObject;
  /** A signed assertion's compact JWS (RS256, the site's key). */
  signed(extra?: JsonObject): Promise<string>;
  /** Adds a `uid` (or assertion id) to the revocation list. */
  revoke(idOrUid: string, reason?: string): void;
  close(): Promise<void>;
}

/** Builds the site on `server` (from `startFixtureServer`); closing the site closes it. */
export async function createOb2Site(
  server: Ob2SiteServer,
  email = "ana.lopez@example.mx",
): Promise<Ob2Site> {
  const o = server.origin;
  const keys = await generateKeyPair("RS256", { extractable: true });
  const profileId = `${o}/issuer.json`;
  const badgeClassId = `${o}/badges/python.json`;
  server.serve("/issuer.json", {
    "@context": OB2_CONTEXT_URL,
    type: "Issuer",
    id: profileId,
    name: "Universidad del Ejemplo",
    url: o,
    email: "insignias@example.mx",
    publicKey: `${o}/key.json`,
    revocationList: `${o}/revocations.json`,
  });
  server.serve("/key.json", {
    "@context": OB2_CONTEXT_URL,
    type: "CryptographicKey",
    id: `${o}/key.json`,
    owner: profileId,
    publicKeyPem: await exportSPKI(keys.publicKey),
  });
  const revoked: JsonObject[] = [];
  const serveList = () =>
    server.serve("/revocations.json", {
      "@context": OB2_CONTEXT_URL,
      type: "RevocationList",
      id: `${o}/revocations.json`,
      issuer: profileId,
      revokedAssertions: revoked,
    });
  serveList();
  server.serve("/badges/python.json", {
    "@context": OB2_CONTEXT_URL,
    type: "BadgeClass",
    id: badgeClassId,
    name: "Python para análisis de datos",
    description: "Programa en Python para limpiar y analizar datos.",
    image: `${o}/badges/python.png`,
    criteria: { narrative: "Aprobar el proyecto final." },
    issuer: profileId,
  });
  let count = 0;
  return {
    server,
    email,
    profileId,
    badgeClassId,
    hosted(name, extra = {}) {
      const assertion: JsonObject = {
        "@context": OB2_CONTEXT_URL,
        type: "Assertion",
        id: `${o}/assertions/${name}.json`,
        recipient: hashedRecipient(email, `sal-${name}`),
        badge: badgeClassId,
        verification: { type: "hosted" },
        issuedOn: "2026-01-15T10:00:00Z",
        ...extra,
      };
      server.serve(`/assertions/${name}.json`, assertion);
      return assertion;
    },
    signed(extra = {}) {
      count += 1;
      const assertion: JsonObject = {
        "@context": OB2_CONTEXT_URL,
        type: "Assertion",
        id: `urn:uuid:00000000-0000-4000-8000-${String(count).padStart(12, "0")}`,
        uid: `signed-${count}`,
        recipient: hashedRecipient(email, `pimienta-${count}`),
        badge: badgeClassId,
        verification: { type: "signed", creator: `${o}/key.json` },
        issuedOn: "2026-02-01T09:00:00Z",
        ...extra,
      };
      return new CompactSign(new TextEncoder().encode(JSON.stringify(assertion)))
        .setProtectedHeader({ alg: "RS256" })
        .sign(keys.privateKey);
    },
    revoke(idOrUid, reason) {
      const key = idOrUid.startsWith("http") || idOrUid.startsWith("urn:") ? "id" : "uid";
      revoked.push(reason ? { [key]: idOrUid, revocationReason: reason } : { [key]: idOrUid });
      serveList();
    },
    close: () => server.close(),
  };
}
