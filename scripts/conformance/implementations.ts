/**
 * The `localConfig.cjs` that `vc-test-suite-implementations` reads from a suite's root: with it,
 * Avala is the only implementation the suite tests (its `settings` default to no interop
 * matrix and no registered implementations).
 *
 * Each suite picks the first endpoint carrying its tag, and sends that endpoint's `options`
 * with every issue request: so there is one issuer entry per set of options (the
 * Ed25519Signature2020 suite asks for that cryptosuite, the status list suite for a status
 * entry; the others take the defaults). The issuer entries
 * carry the organisation's Bearer token in `headers` (sent on https endpoints only; see
 * tls-front.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Endpoints {
  /** The organisation's DID: the suites put it in `credential.issuer`. */
  issuerId: string;
  /** https URL of `POST /credentials/issue`. */
  issue: string;
  /** Bearer token for the issuer. */
  token: string;
  /** https URLs of the verifier's VC-API. */
  verifyCredential: string;
  verifyPresentation: string;
}

/** Tags the suites select on (see each suite's README). */
export const TAGS = {
  dataModel: "vc2.0",
  eddsa: "eddsa-rdfc-2022",
  ed25519: "Ed25519Signature2020",
  statusList: "BitstringStatusList",
  vcApi: "vc-api",
} as const;

export function localConfig(endpoints: Endpoints) {
  const headers = { Authorization: `Bearer ${endpoints.token}` };
  const supports = { vc: ["1.1", "2.0"] };
  return {
    settings: { enableInteropTests: false, testAllImplementations: false },
    implementations: [
      {
        name: "Avala",
        implementation: "Avala (loopback)",
        issuers: [
          {
            id: endpoints.issuerId,
            endpoint: endpoints.issue,
            headers,
            supports,
            // No options: eddsa-rdfc-2022 is the issuer's default cryptosuite.
            tags: [TAGS.dataModel, TAGS.eddsa, TAGS.vcApi],
          },
          {
            id: endpoints.issuerId,
            endpoint: endpoints.issue,
            headers,
            supports,
            // The VC-API way to ask for a status entry (the suite sends a bare credential).
            options: {
              credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "revocation" },
            },
            tags: [TAGS.statusList],
          },
          {
            id: endpoints.issuerId,
            endpoint: endpoints.issue,
            headers,
            supports,
            options: { cryptosuite: "Ed25519Signature2020" },
            tags: [TAGS.ed25519],
          },
        ],
        verifiers: [
          {
            id: endpoints.verifyCredential,
            endpoint: endpoints.verifyCredential,
            supports,
            tags: Object.values(TAGS),
          },
        ],
        vpVerifiers: [
          {
            id: endpoints.verifyPresentation,
            endpoint: endpoints.verifyPresentation,
            supports,
            tags: [TAGS.dataModel],
          },
        ],
      },
    ],
  };
}

export const LOCAL_CONFIG_FILE = "localConfig.cjs";

/** Writes the config into a suite's root (outside this repository); returns its path. */
export function writeLocalConfig(suiteDir: string, endpoints: Endpoints): string {
  const file = join(suiteDir, LOCAL_CONFIG_FILE);
  const body = JSON.stringify(localConfig(endpoints), null, 2);
  writeFileSync(
    file,
    `// Written by Avala's scripts/conformance/run.ts; removed after the run.\nmodule.exports = ${body};\n`,
    {
      mode: 0o600,
    },
  );
  return file;
}
