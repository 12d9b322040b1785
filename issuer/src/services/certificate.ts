import { type CertificateInput, renderCertificatePdf } from "@avala/certificate-pdf";
import { toQrText } from "@avala/compact-credential";
import { type JsonObject, verifyCredential } from "@avala/credentials";
import { createStatusChecker } from "@avala/status-list";
import { loadTrustRegistry, type TrustRegistry } from "@avala/trust-registry";
import { describeCredential, type Verification, verify } from "@avala/verifier";
import type { IssuerContext } from "../context.js";
import type { CredentialRow } from "../db/repositories/credentials.js";
import { findOrganisationBySlug } from "../db/repositories/organisations.js";
import { PLATFORM_SLUG, signedTrustRegistry } from "./endorsements.js";
import { signedStatusList } from "./status.js";

/**
 * The PDF certificate of an issued credential, for the console: what `@avala/certificate-pdf`
 * prints (Spanish and English), with the signed credential attached exactly as stored, so that
 * the verifier verifies the PDF itself. Who accredits the issuer is printed only from a verified
 * trust result: the credential is verified here, in the issuer's process, with the verifier
 * library against this issuer's own DID documents, status lists and signed trust registry
 * (nothing is fetched from the network).
 */

/** One of this issuer's status lists, signed as `/orgs/:slug/status/:purpose/:n` serves it. */
export async function ownStatusList(ctx: IssuerContext, url: string): Promise<unknown> {
  const base = `${ctx.config.publicUrl}/orgs/`;
  const path = url.startsWith(base) ? url.slice(base.length) : "";
  const match = /^([^/?#]+)\/status\/(revocation|suspension)\/(\d{1,9})$/.exec(path);
  if (!match) throw Object.assign(new Error("not a status list of this issuer"), { code: "other" });
  const org = await findOrganisationBySlug(ctx.db, decodeURIComponent(match[1]!));
  const purpose = match[2] as "revocation" | "suspension";
  const list = org ? await signedStatusList(ctx, org, purpose, Number(match[3])) : undefined;
  if (!list) throw Object.assign(new Error("no such status list"), { code: "not-found" });
  return JSON.parse(list.body);
}

/** This deployment's trust registry, as the issuer signs it, verified; none without a platform. */
export async function ownTrustRegistry(
  ctx: IssuerContext,
  now: Date,
): Promise<TrustRegistry | undefined> {
  const platform = await findOrganisationBySlug(ctx.db, PLATFORM_SLUG);
  const signed = platform ? await signedTrustRegistry(ctx) : undefined;
  if (!platform || !signed) return undefined;
  const loaded = await loadTrustRegistry(JSON.parse(signed.body), {
    expectedOperator: platform.did,
    verify: (document) => verifyCredential(document, { documentLoader: ctx.documentLoader, now }),
  });
  return loaded.ok ? loaded.registry : undefined;
}

/** Verifies a credential this issuer signed, in-process (see above). */
export async function verifyIssuedCredential(
  ctx: IssuerContext,
  document: JsonObject,
): Promise<Verification> {
  const now = ctx.now();
  const registry = await ownTrustRegistry(ctx, now);
  return verify(document, {
    documentLoader: ctx.documentLoader,
    checkStatus: createStatusChecker({
      fetchCredential: (url) => ownStatusList(ctx, url),
      verifyListCredential: (list) =>
        verifyCredential(list, { documentLoader: ctx.documentLoader, now }),
    }),
    now,
    fetchLinks: false,
    ...(registry ? { trustRegistry: registry } : {}),
  });
}

/** What the certificate prints, in both languages, and the credential it carries. */
export function certificateInputOf(
  row: CredentialRow,
  verification: Verification,
  verifyUrl: string,
): CertificateInput {
  const document = JSON.parse(row.credential) as JsonObject;
  const trust = verification.kind === "credential" ? verification.trust : undefined;
  const es = describeCredential(document, "es", trust);
  const en = describeCredential(document, "en", trust);
  // The standard's code, and its name when it is not the achievement's own (a qualification).
  const standard = es.standard
    ? [es.standard.code, es.standard.name !== es.achievement.name ? es.standard.name : undefined]
        .filter(Boolean)
        .join(" ")
    : es.achievement.code;
  return {
    content: {
      // The name the credential carries (signed), never the row's own column.
      ...(es.holder.name ? { person: es.holder.name } : {}),
      achievement: {
        name: es.achievement.name,
        kind: { es: es.achievement.kindText, en: en.achievement.kindText },
        ...(es.level && en.level ? { level: { es: es.level.text, en: en.level.text } } : {}),
        ...(standard ? { standard } : {}),
      },
      issuer: {
        name: es.issuer.name,
        ...(es.accreditation.chain.length > 0
          ? { accreditation: es.accreditation.chain.join(" / ") }
          : {}),
      },
      ...(es.validFrom ? { validFrom: es.validFrom.iso } : {}),
      ...(es.validUntil ? { validUntil: es.validUntil.iso } : {}),
    },
    credential: {
      bytes: new TextEncoder().encode(row.credential),
      mediaType: "application/ld+json",
      fileName: "credential.json",
    },
    verifyUrl,
  };
}

/** The certificate of one of the organisation's credentials, and a file name for it. */
export async function renderIssuedCertificate(
  ctx: IssuerContext,
  row: CredentialRow,
): Promise<{ pdf: Uint8Array<ArrayBuffer>; fileName: string }> {
  const document = JSON.parse(row.credential) as JsonObject;
  const verification = await verifyIssuedCredential(ctx, document);
  const input = certificateInputOf(row, verification, `${ctx.config.verifierPublicUrl}/`);
  // The compact edition signed with it, printed as a second QR that verifies offline.
  const compactQr = await compactQrTextOf(row.compact_credential);
  if (compactQr) input.compactQr = compactQr;
  const code = describeCredential(document, "es").achievement.code ?? "certificado";
  const fileName = `${code}-${row.public_id.slice(0, 8)}`.replace(/[^\w.-]+/g, "_").slice(0, 80);
  return { pdf: await renderCertificatePdf(input), fileName: `${fileName}.pdf` };
}

/** The QR text (`VC1-…`) of a stored compact edition, or nothing when there is none. */
async function compactQrTextOf(stored: string | null): Promise<string | undefined> {
  if (!stored) return undefined;
  try {
    return await toQrText(JSON.parse(stored) as JsonObject);
  } catch {
    return undefined;
  }
}
