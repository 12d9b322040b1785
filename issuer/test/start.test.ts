import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isValidCurp, verifyCredential } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { createDidResolver } from "@avala/did";
import { createDocumentLoader } from "@avala/document-loader";
import { describe, expect, it } from "vitest";
import {
  demoLearners,
  type IssuerTables,
  readIssuerConfig,
  seedDemo,
  startIssuer,
} from "../src/index.js";
import { createSignInLimits, signInStaff } from "../src/services/staff.js";

describe("demo learners", () => {
  it("have fictitious CURPs in a valid format", () => {
    for (const learner of demoLearners) expect(isValidCurp(learner.curp), learner.curp).toBe(true);
  });
});

describe.each(testDatabases())("startIssuer on $name", (engine) => {
  it("starts on a free port, seeds the demo once, serves it over HTTP", {
    timeout: 120_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "issuer-start-"));
    // The master key file outside the data directory, and never in the real home directory.
    const keyDir = mkdtempSync(join(tmpdir(), "issuer-start-key-"));
    const masterKeyFile = join(keyDir, "issuer-master.key");
    const database = await engine.open<IssuerTables>();
    const demoToken = `demo-${randomBytes(12).toString("hex")}`;
    const quiet = { info: () => {}, error: () => {} };
    try {
      const issuer = await startIssuer(
        { port: 0, dataDir, masterKeyFile, demoToken },
        { database, log: quiet },
      );
      try {
        expect(issuer.url).toBe(`http://localhost:${issuer.port}`);
        expect(issuer.demo?.token).toBe(demoToken);
        expect(issuer.demo?.organisation).toBe("ece-demo");
        expect(issuer.registryOperator).toBe(`did:web:localhost%3A${issuer.port}:orgs:platform`);
        expect(issuer.demo?.credentials).toHaveLength(3);

        const auth = { authorization: `Bearer ${demoToken}` };
        const list = await fetch(`${issuer.url}/orgs/ece-demo/credentials`, { headers: auth });
        expect(list.status).toBe(200);
        const { credentials } = (await list.json()) as { credentials: Array<{ id: string }> };
        expect(credentials).toHaveLength(2);
        const detail = (await (
          await fetch(`${issuer.url}/orgs/ece-demo/credentials/${credentials[0]!.id}`, {
            headers: auth,
          })
        ).json()) as { verifiableCredential: { issuer: { endorsement: unknown[] } } };
        expect(detail.verifiableCredential.issuer.endorsement).toHaveLength(1);
        const loader = createDocumentLoader({
          resolveDid: createDidResolver({
            fetchJson: async (url) => (await fetch(url)).json(),
            webScheme: () => "http",
          }),
        });
        const result = await verifyCredential(detail.verifiableCredential, {
          documentLoader: loader,
        });
        expect(result.checks.find((c) => c.check === "schema")?.outcome).toBe("pass");
        expect(result.checks.find((c) => c.check === "proof")?.outcome).toBe("pass");

        const claim = await fetch(issuer.demo!.credentials[0]!.claimUrl!, {
          headers: { accept: "application/json" },
        });
        expect(claim.status).toBe(200);
        const registry = await fetch(`${issuer.url}/trust-registry.json`);
        const entries = (
          (await registry.json()) as { credentialSubject: { entry: Array<{ role: string }> } }
        ).credentialSubject.entry;
        expect(entries.map((e) => e.role).sort()).toEqual([
          "accredited",
          "accredited",
          "authority",
          "authority",
        ]);

        // Seeding again adds nothing.
        const count = async (
          table:
            | "issuer_organisation"
            | "issuer_credential"
            | "issuer_endorsement"
            | "issuer_achievement"
            | "issuer_api_token",
        ) =>
          Number(
            (
              await database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as("n"))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const before = await Promise.all(
          (
            [
              "issuer_organisation",
              "issuer_credential",
              "issuer_endorsement",
              "issuer_achievement",
              "issuer_api_token",
            ] as const
          ).map(count),
        );
        const again = await seedDemo(issuer.context);
        const after = await Promise.all(
          (
            [
              "issuer_organisation",
              "issuer_credential",
              "issuer_endorsement",
              "issuer_achievement",
              "issuer_api_token",
            ] as const
          ).map(count),
        );
        expect(after).toEqual(before);
        expect(before).toEqual([5, 3, 2, 5, 1]);
        expect(again.credentials.map((c) => c.id)).toEqual(
          issuer.demo!.credentials.map((c) => c.id),
        );
        // The demo console admin signs in with the printed password, the same at every start.
        const login = issuer.demo!.consoleLogin;
        expect(login.created).toBe(true);
        expect(again.consoleLogin).toEqual({ ...login, created: false });
        const limits = createSignInLimits();
        const signedIn = await signInStaff(issuer.context, limits, {
          email: login.email,
          password: login.password,
          address: "127.0.0.1",
        });
        expect(signedIn.ok).toBe(true);
        expect(
          (
            await signInStaff(issuer.context, limits, {
              email: login.email,
              password: `${login.password}x`,
              address: "127.0.0.1",
            })
          ).ok,
        ).toBe(false);
      } finally {
        await issuer.close();
      }
    } finally {
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it("seeds nothing from the environment's defaults (src/main.ts); the demo asks for it", {
    timeout: 120_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "issuer-noseed-"));
    const configHome = mkdtempSync(join(tmpdir(), "issuer-noseed-config-"));
    const database = await engine.open<IssuerTables>();
    const quiet = { info: () => {}, error: () => {} };
    // XDG_CONFIG_HOME: the generated master key goes there, not to the real home directory.
    const env = { ISSUER_PORT: "0", AVALA_DATA_DIR: dataDir, XDG_CONFIG_HOME: configHome };
    try {
      // What src/main.ts does: no AVALA_SEED_DEMO, so no fake authorities and no demo token.
      const production = await startIssuer(readIssuerConfig(env), { database, log: quiet });
      try {
        expect(production.config.seedDemo).toBe(false);
        expect(production.demo).toBeUndefined();
        expect(production.registryOperator).toBeUndefined();
        const organisations = await database.db
          .selectFrom("issuer_organisation")
          .select("slug")
          .execute();
        expect(organisations).toEqual([]);
        expect(
          (await fetch(`http://localhost:${production.port}/trust-registry.json`)).status,
        ).toBe(404);
      } finally {
        await production.close();
      }
      // What scripts/start.ts (`pnpm start`) does: the same configuration, seed asked for.
      const demo = await startIssuer(readIssuerConfig(env), {
        database,
        log: quiet,
        seed: true,
      });
      try {
        expect(demo.demo?.organisation).toBe("ece-demo");
        expect(demo.registryOperator).toMatch(/:orgs:platform$/);
      } finally {
        await demo.close();
      }
    } finally {
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(configHome, { recursive: true, force: true });
    }
  });
});
