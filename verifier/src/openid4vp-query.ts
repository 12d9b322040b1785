/**
 * What an employer asks a wallet for, as an OpenID4VP 1.0 DCQL query for W3C credentials with
 * Data Integrity (`ldp_vc`, Appendix B.1), and whether a credential that came back matches it.
 * Pure: no IO. The exact shapes are in docs/openid4vp.md.
 */
import type { Locale, MessageKey } from "@avala/i18n";
import { t } from "@avala/i18n";

/** The credential query's id: the one key of the `vp_token` object. */
export const CREDENTIAL_QUERY_ID = "certificate";

/** OB 3.0's `OpenBadgeCredential` (and its alias `AchievementCredential`), fully expanded. */
export const OPEN_BADGE_CREDENTIAL_IRI =
  "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential";

/** The OB 3.0 contexts that define `OpenBadgeCredential` and `AchievementCredential`. */
const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/;
const VC_CONTEXTS = new Set([
  "https://www.w3.org/ns/credentials/v2",
  "https://www.w3.org/2018/credentials/v1",
]);

export type Ask =
  | { kind: "unit"; standard: string }
  | { kind: "standard"; code: string }
  | { kind: "microcredential" }
  | { kind: "issuer"; issuer: string };

export type AskKind = Ask["kind"];
export const askKinds: readonly AskKind[] = ["unit", "standard", "microcredential", "issuer"];

type ClaimValue = string | number | boolean;

export interface DcqlClaimQuery {
  id: string;
  path: Array<string | number | null>;
  values: ClaimValue[];
}

export interface DcqlCredentialQuery {
  id: string;
  format: "ldp_vc";
  meta: { type_values: string[][] };
  require_cryptographic_holder_binding: true;
  claims: DcqlClaimQuery[];
}

export interface DcqlQuery {
  credentials: DcqlCredentialQuery[];
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/;
const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/;

/**
 * The ask from the page's form fields, or the message saying what is wrong. A standard's code is
 * letters, digits, dots and hyphens (`EC0217.01`); an issuer is a DID.
 */
export function readAsk(fields: {
  kind?: unknown;
  code?: unknown;
  issuer?: unknown;
}): { ok: true; ask: Ask } | { ok: false; code: MessageKey } {
  const kind = fields.kind;
  const code = typeof fields.code === "string" ? fields.code.trim() : "";
  const issuer = typeof fields.issuer === "string" ? fields.issuer.trim() : "";
  switch (kind) {
    case "unit":
    case "standard":
      if (!CODE.test(code)) return { ok: false, code: "openid4vp.problem.code" };
      return {
        ok: true,
        ask: kind === "unit" ? { kind, standard: code } : { kind, code },
      };
    case "microcredential":
      return { ok: true, ask: { kind } };
    case "issuer":
      if (issuer.length > 400 || !DID.test(issuer)) {
        return { ok: false, code: "openid4vp.problem.issuer" };
      }
      return { ok: true, ask: { kind, issuer } };
    default:
      return { ok: false, code: "openid4vp.problem.kind" };
  }
}

function claimsFor(ask: Ask): DcqlClaimQuery[] {
  const achievement = ["credentialSubject", "achievement"];
  switch (ask.kind) {
    case "unit":
      return [
        { id: "kind", path: [...achievement, "achievementType"], values: ["Competency"] },
        {
          id: "standard",
          path: [...achievement, "alignment", null, "targetCode"],
          values: [ask.standard],
        },
      ];
    case "standard":
      return [{ id: "code", path: [...achievement, "humanCode"], values: [ask.code] }];
    case "microcredential":
      return [
        { id: "kind", path: [...achievement, "achievementType"], values: ["MicroCredential"] },
      ];
    case "issuer":
      return [{ id: "issuer", path: ["issuer", "id"], values: [ask.issuer] }];
  }
}

/** The DCQL query for an ask: one `ldp_vc` credential query, OB 3.0 type, the ask's claims. */
export function dcqlQueryFor(ask: Ask): DcqlQuery {
  return {
    credentials: [
      {
        id: CREDENTIAL_QUERY_ID,
        format: "ldp_vc",
        meta: { type_values: [[OPEN_BADGE_CREDENTIAL_IRI]] },
        require_cryptographic_holder_binding: true,
        claims: claimsFor(ask),
      },
    ],
  };
}

/** The ask in words: "a unit of competence of the standard EC0217.01". */
export function describeAsk(ask: Ask, locale: Locale): string {
  switch (ask.kind) {
    case "unit":
      return t("openid4vp.what.unit", locale, { code: ask.standard });
    case "standard":
      return t("openid4vp.what.standard", locale, { code: ask.code });
    case "microcredential":
      return t("openid4vp.what.microcredential", locale);
    case "issuer":
      return t("openid4vp.what.issuer", locale, { issuer: ask.issuer });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/**
 * The credential's types, fully expanded, for the contexts Avala reads: the VC contexts' own
 * `VerifiableCredential`, and OB 3.0's credential types when an OB 3.0 context is there. (Every
 * credential that reaches this has passed the verifier's context checks: only known contexts.)
 */
export function expandedTypes(credential: Record<string, unknown>): Set<string> {
  const contexts = asList(credential["@context"]).filter((c): c is string => typeof c === "string");
  const hasOb = contexts.some((c) => OB_CONTEXT.test(c));
  const hasVc = contexts.some((c) => VC_CONTEXTS.has(c));
  const out = new Set<string>();
  for (const type of asList(credential.type)) {
    if (typeof type !== "string") continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(type)) out.add(type);
    else if (type === "VerifiableCredential" && hasVc) {
      out.add("https://www.w3.org/2018/credentials#VerifiableCredential");
    } else if ((type === "OpenBadgeCredential" || type === "AchievementCredential") && hasOb) {
      out.add(OPEN_BADGE_CREDENTIAL_IRI);
    }
  }
  return out;
}

/** The values a DCQL claims path selects (section 7: a string key, an index, `null` = all). */
export function selectPath(root: unknown, path: ReadonlyArray<string | number | null>): unknown[] {
  let selected: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const value of selected) {
      if (step === null) {
        if (Array.isArray(value)) next.push(...value);
      } else if (typeof step === "number") {
        if (Array.isArray(value) && step >= 0 && step < value.length) next.push(value[step]);
      } else if (isObject(value) && Object.hasOwn(value, step)) {
        next.push(value[step]);
      }
    }
    selected = next;
    if (selected.length === 0) break;
  }
  return selected;
}

/**
 * Whether a credential answers a credential query: one of the `type_values` sets is among its
 * expanded types, and every claim selects at least one of its `values`.
 */
export function matchesCredentialQuery(credential: unknown, query: DcqlCredentialQuery): boolean {
  if (!isObject(credential)) return false;
  const types = expandedTypes(credential);
  if (!query.meta.type_values.some((set) => set.every((type) => types.has(type)))) return false;
  return query.claims.every((claim) =>
    selectPath(credential, claim.path).some((value) => claim.values.includes(value as ClaimValue)),
  );
}
