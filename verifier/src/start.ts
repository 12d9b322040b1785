import type { AddressInfo } from "node:net";
import { buildAchievementCredential, generateSigningKey, signCredential } from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import { serve } from "@hono/node-server";
import { createVerifierApp } from "./app.js";
import type { VerifierConfig } from "./config.js";
import type { VerifierContext, VerifierContextOverrides } from "./context.js";
import { createVerifierContext } from "./context.js";
import { verify } from "./verify.js";

export interface RunningVerifier {
  /** Where it listens, e.g. `http://127.0.0.1:4200`. */
  url: string;
  context: VerifierContext;
  close(): Promise<void>;
}

/**
 * The first verification in a process compiles the Open Badges schemas and warms the JSON-LD
 * processor (about a second). Doing it once at start, offline, spares the first visitor.
 */
export async function warmUp(): Promise<void> {
  const documentLoader = createDocumentLoader();
  const key = await generateSigningKey();
  const credential = buildAchievementCredential({
    id: "urn:uuid:00000000-0000-4000-8000-000000000000",
    issuer: { id: key.controller, name: { es: "Calentamiento" } },
    achievement: {
      id: "urn:uuid:00000000-0000-4000-8000-000000000001",
      kind: "microcredential",
      code: "WARM-UP",
      name: { es: "Calentamiento" },
      description: { es: "Calentamiento" },
      criteria: { es: "Calentamiento" },
    },
    subject: { did: key.controller },
    validFrom: new Date(),
  });
  await verify(await signCredential(credential, { key, documentLoader }), { documentLoader });
}

/** Starts the verifier's HTTP server (port 0 picks a free port) and resolves once it listens. */
export async function startVerifier(
  config: VerifierConfig,
  overrides: VerifierContextOverrides = {},
): Promise<RunningVerifier> {
  const context = createVerifierContext(config, overrides);
  const app = createVerifierApp(context);
  return new Promise((resolve, reject) => {
    const options: Parameters<typeof serve>[0] = { fetch: app.fetch, port: config.port };
    if (config.hostname) options.hostname = config.hostname;
    const server = serve(options, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      const shown = host === "0.0.0.0" || host === "[::]" ? "localhost" : host;
      warmUp().catch((error) => context.logger.error("Verifier warm-up failed", { error }));
      resolve({
        url: `http://${shown}:${info.port}`,
        context,
        close: () =>
          new Promise<void>((done, fail) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
    server.once("error", reject);
  });
}
