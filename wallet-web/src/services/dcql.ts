import type { JsonObject } from "@avala/credentials";

/**
 * The Digital Credentials Query Language (OpenID4VP 1.0, section 6), as far as a wallet of
 * `ldp_vc` credentials needs it: read a query (size-limited, schema-checked) and find which of
 * the holder's credentials answer each credential query. Pure: no IO.
 */

export type ClaimPathElement = string | number | null;

export interface DcqlClaim {
  id?: string;
  path: ClaimPathElement[];
  values?: Array<string | number | boolean>;
}

export interface DcqlCredentialQuery {
  id: string;
  format: string;
  multiple: boolean;
  /** `meta.type_values` (Appendix B.1.1): alternatives, each a set of expanded type IRIs. */
  typeValues?: string[][];
  claims?: DcqlClaim[];
  claimSets?: string[][];
}

export interface DcqlCredentialSet {
  options: string[][];
  required: boolean;
}

export interface DcqlQuery {
  credentials: DcqlCredentialQuery[];
  credentialSets?: DcqlCredentialSet[];
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const LIMITS = { queries: 20, claims: 30, path: 12, values: 30, text: 512, sets: 20 } as const;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const shortText = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= LIMITS.text;

function arrayOf<T>(
  value: unknown,
  max: number,
  read: (item: unknown) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) return undefined;
  const items = value.map(read);
  return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
}

function readClaim(value: unknown): DcqlClaim | undefined {
  if (!isObject(value)) return undefined;
  if (value["id"] !== undefined && !(typeof value["id"] === "string" && ID.test(value["id"]))) {
    return undefined;
  }
  const path = arrayOf<ClaimPathElement>(value["path"], LIMITS.path, (element) =>
    element === null ||
    shortText(element) ||
    (typeof element === "number" && Number.isSafeInteger(element) && element >= 0)
      ? (element as ClaimPathElement)
      : undefined,
  );
  if (!path) return undefined;
  const claim: DcqlClaim = { path };
  if (typeof value["id"] === "string") claim.id = value["id"];
  if (value["values"] !== undefined) {
    const values = arrayOf(value["values"], LIMITS.values, (v) =>
      shortText(v) || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))
        ? (v as string | number | boolean)
        : undefined,
    );
    if (!values) return undefined;
    claim.values = values;
  }
  return claim;
}

function readCredentialQuery(value: unknown): DcqlCredentialQuery | undefined {
  if (!isObject(value)) return undefined;
  const id = value["id"];
  const format = value["format"];
  if (typeof id !== "string" || !ID.test(id) || !shortText(format)) return undefined;
  const multiple = value["multiple"] ?? false;
  if (typeof multiple !== "boolean") return undefined;
  const query: DcqlCredentialQuery = { id, format, multiple };
  const meta = value["meta"];
  if (meta !== undefined && !isObject(meta)) return undefined;
  if (meta && meta["type_values"] !== undefined) {
    const typeValues = arrayOf(meta["type_values"], LIMITS.values, (set) =>
      arrayOf(set, LIMITS.values, (type) => (shortText(type) ? type : undefined)),
    );
    if (!typeValues) return undefined;
    query.typeValues = typeValues;
  }
  if (value["claims"] !== undefined) {
    const claims = arrayOf(value["claims"], LIMITS.claims, readClaim);
    if (!claims) return undefined;
    query.claims = claims;
  }
  if (value["claim_sets"] !== undefined) {
    const ids = new Set((query.claims ?? []).map((c) => c.id).filter(Boolean));
    const claimSets = arrayOf(value["claim_sets"], LIMITS.sets, (set) =>
      arrayOf(set, LIMITS.claims, (claimId) =>
        typeof claimId === "string" && ids.has(claimId) ? claimId : undefined,
      ),
    );
    if (!claimSets) return undefined;
    query.claimSets = claimSets;
  }
  return query;
}

/** A DCQL query from JSON (text or parsed), or undefined when it is not one. */
export function readDcqlQuery(input: unknown): DcqlQuery | undefined {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isObject(value)) return undefined;
  const credentials = arrayOf(value["credentials"], LIMITS.queries, readCredentialQuery);
  if (!credentials) return undefined;
  const ids = new Set(credentials.map((c) => c.id));
  if (ids.size !== credentials.length) return undefined;
  const query: DcqlQuery = { credentials };
  if (value["credential_sets"] !== undefined) {
    const sets = arrayOf(value["credential_sets"], LIMITS.sets, (set) => {
      if (!isObject(set)) return undefined;
      const required = set["required"] ?? true;
      if (typeof required !== "boolean") return undefined;
      const options = arrayOf(set["options"], LIMITS.sets, (option) =>
        arrayOf(option, LIMITS.queries, (id) =>
          typeof id === "string" && ids.has(id) ? id : undefined,
        ),
      );
      return options ? { options, required } : undefined;
    });
    if (!sets) return undefined;
    query.credentialSets = sets;
  }
  return query;
}

/**
 * Expanded IRIs of the type names the credentials a wallet holds use (W3C VC 1.1 and 2.0, Open
 * Badges 3.0; `AchievementCredential` is OB's alias of `OpenBadgeCredential`). A credential's
 * compact `type` is compared through this table and as written, so a query with expanded IRIs
 * (as Appendix B.1.1 asks) or with the short names both find it.
 */
const OB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
const VC = "https://www.w3.org/2018/credentials#";
const expandedTypes: Record<string, string> = {
  VerifiableCredential: `${VC}VerifiableCredential`,
  OpenBadgeCredential: `${OB}OpenBadgeCredential`,
  AchievementCredential: `${OB}OpenBadgeCredential`,
  EndorsementCredential: `${OB}EndorsementCredential`,
};

function typesOf(credential: JsonObject): Set<string> {
  const raw = credential["type"];
  const names = (Array.isArray(raw) ? raw : [raw]).filter(
    (t): t is string => typeof t === "string",
  );
  return new Set(
    names.flatMap((name) => [name, ...(expandedTypes[name] ? [expandedTypes[name]] : [])]),
  );
}

/** The values a claim path selects in `value` (section 7: strings, null for all, indexes). */
export function selectClaim(value: unknown, path: ClaimPathElement[]): unknown[] {
  let selected: unknown[] = [value];
  for (const element of path) {
    const next: unknown[] = [];
    for (const item of selected) {
      if (element === null) {
        if (Array.isArray(item)) next.push(...item);
      } else if (typeof element === "number") {
        if (Array.isArray(item) && element < item.length) next.push(item[element]);
      } else if (isObject(item) && Object.hasOwn(item, element)) {
        next.push(item[element]);
      }
    }
    selected = next;
    if (selected.length === 0) break;
  }
  return selected.filter((v) => v !== undefined);
}

function claimHolds(credential: JsonObject, claim: DcqlClaim): boolean {
  const selected = selectClaim(credential, claim.path);
  if (selected.length === 0) return false;
  if (!claim.values) return true;
  return selected.some((value) => claim.values!.some((wanted) => wanted === value));
}

/** Whether a credential (the JSON a wallet would present, `ldp_vc`) answers a credential query. */
export function credentialMatches(query: DcqlCredentialQuery, credential: JsonObject): boolean {
  if (query.format !== "ldp_vc") return false;
  if (query.typeValues) {
    const types = typesOf(credential);
    if (!query.typeValues.some((set) => set.every((type) => types.has(type)))) return false;
  }
  const claims = query.claims ?? [];
  if (!query.claimSets) return claims.every((claim) => claimHolds(credential, claim));
  const byId = new Map(claims.map((claim) => [claim.id, claim]));
  return query.claimSets.some((set) => set.every((id) => claimHolds(credential, byId.get(id)!)));
}

/**
 * Whether answering the credential queries `answered` satisfies the query: every credential
 * query when there are no credential sets, else one option of every required set.
 */
export function isSatisfiedBy(query: DcqlQuery, answered: ReadonlySet<string>): boolean {
  if (!query.credentialSets) return query.credentials.every((c) => answered.has(c.id));
  return query.credentialSets
    .filter((set) => set.required)
    .every((set) => set.options.some((option) => option.every((id) => answered.has(id))));
}
