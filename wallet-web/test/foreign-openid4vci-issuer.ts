import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Credential } from "@avala/credentials";
import { jwkOfDidKey } from "@avala/vc-jwt";
import { serve } from "@hono/node-server";
import {
  clientAuthenticationAnonymous,
  HashAlgorithm,
  type Jwk,
  Oauth2AuthorizationServer,
  Oauth2ServerErrorResponseError,
  type SignJwtCallback,
  type VerifyJwtCallback,
} from "@openid4vc/oauth2";
import { Openid4vciIssuer } from "@openid4vc/openid4vci";
import { setGlobalConfig } from "@openid4vc/utils";
import { Hono } from "hono";
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from "jose";
import { offerLinkOf } from "../src/services/openid4vci-client.js";
import { qualificationAchievement, testIssuer } from "./helpers.js";

// A foreign OpenID4VCI 1.0 issuer for the wallet's tests, built with the OpenWallet Foundation's
// @openid4vc/openid4vci (Openid4vciIssuer) and @openid4vc/oauth2 (Oauth2AuthorizationServer) on
// loopback HTTP; the credential is signed by the test issuer (did:key, eddsa-rdfc-2022).

setGlobalConfig({ allowInsecureUrls: true });

const PRE_AUTH = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

export async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const hash = (data: Uint8Array, alg: HashAlgorithm) =>
  createHash(
    alg === HashAlgorithm.Sha384 ? "sha384" : alg === HashAlgorithm.Sha512 ? "sha512" : "sha256",
  )
    .update(data)
    .digest();

/** A foreign OpenID4VCI issuer: @openid4vc's issuer and authorization server on one origin. */
export async function foreignIssuer() {
  const signer = await testIssuer("Instituto Extranjero de Pruebas");
  const asKeys = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const asJwk = (await exportJWK(asKeys.publicKey)) as Jwk;
  const signJwt: SignJwtCallback = async (_signer, jwt) => ({
    jwt: await new SignJWT(jwt.payload)
      .setProtectedHeader(jwt.header as { alg: string })
      .sign(asKeys.privateKey),
    signerJwk: asJwk,
  });
  // The holder's proof names a did:key (or did:jwk): its public key is in the DID itself.
  const verifyJwt: VerifyJwtCallback = async (jwtSigner, jwt) => {
    const jwk =
      jwtSigner.method === "did"
        ? jwkOfDidKey(jwtSigner.didUrl.split("#")[0] ?? "")
        : jwtSigner.method === "jwk"
          ? (jwtSigner.publicJwk as JWK)
          : undefined;
    if (!jwk) return { verified: false };
    try {
      await jwtVerify(jwt.compact, await importJWK(jwk, jwt.header.alg));
      return { verified: true, signerJwk: jwk as Jwk };
    } catch {
      return { verified: false };
    }
  };
  const callbacks = {
    hash,
    generateRandom: (bytes: number) => randomBytes(bytes),
    signJwt,
    verifyJwt,
    clientAuthentication: clientAuthenticationAnonymous(),
    fetch,
  };
  const vci = new Openid4vciIssuer({ callbacks });
  const oauth = new Oauth2AuthorizationServer({ callbacks });
  const codes = new Map<string, { pin?: string; used: boolean }>();
  const tokens = new Set<string>();
  const nonces = new Set<string>();
  const behaviour = { tamper: false, misbind: false };
  const app = new Hono();
  const server = await listen((request) => app.fetch(request));
  const issuerId = `${server.origin}/foreign`;
  const credentialIssuer = vci.createCredentialIssuerMetadata({
    credential_issuer: issuerId,
    credential_endpoint: `${issuerId}/credential`,
    nonce_endpoint: `${issuerId}/nonce`,
    display: [
      { name: "Instituto Extranjero de Pruebas", locale: "es" },
      { name: "Foreign Test Institute", locale: "en" },
    ],
    credential_configurations_supported: {
      OpenBadge_ldp: {
        format: "ldp_vc",
        cryptographic_binding_methods_supported: ["did:key"],
        credential_signing_alg_values_supported: ["eddsa-rdfc-2022"],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: ["EdDSA"] } },
        credential_definition: {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          type: ["VerifiableCredential", "OpenBadgeCredential"],
        },
        credential_metadata: {
          display: [
            { name: "Insignia de prueba", locale: "es" },
            { name: "Test badge", locale: "en" },
          ],
        },
      },
      DrivingLicence_mdoc: { format: "mso_mdoc", doctype: "org.iso.18013.5.1.mDL" },
    },
  });
  const authorizationServer = oauth.createAuthorizationServerMetadata({
    issuer: issuerId,
    token_endpoint: `${issuerId}/token`,
    grant_types_supported: [PRE_AUTH],
    "pre-authorized_grant_anonymous_access_supported": true,
  });
  const issuerMetadata = {
    credentialIssuer,
    authorizationServers: [authorizationServer],
    originalDraftVersion: undefined,
    knownCredentialConfigurations: {},
  } as unknown as Parameters<typeof vci.createCredentialOffer>[0]["issuerMetadata"];
  const oauthError = (error: unknown) => {
    if (error instanceof Oauth2ServerErrorResponseError) {
      return Response.json(error.errorResponse, { status: error.status });
    }
    throw error;
  };

  app.get("/.well-known/openid-credential-issuer/foreign", (c) => c.json(credentialIssuer));
  app.get("/.well-known/oauth-authorization-server/foreign", (c) => c.json(authorizationServer));
  // A second "issuer" whose metadata is far over the wallet's limit.
  app.get("/.well-known/openid-credential-issuer/huge", (c) =>
    c.json({
      ...credentialIssuer,
      credential_issuer: `${server.origin}/huge`,
      padding: "x".repeat(200_000),
    }),
  );
  app.post("/foreign/token", async (c) => {
    const request = { headers: c.req.raw.headers, method: "POST" as const, url: c.req.url };
    try {
      const body = Object.fromEntries(new URLSearchParams(await c.req.text()));
      const parsed = oauth.parseAccessTokenRequest({ request, accessTokenRequest: body });
      if (parsed.grant.grantType !== PRE_AUTH)
        return c.json({ error: "unsupported_grant_type" }, 400);
      const code = codes.get(parsed.grant.preAuthorizedCode);
      if (!code || code.used) return c.json({ error: "invalid_grant" }, 400);
      await oauth.verifyPreAuthorizedCodeAccessTokenRequest({
        authorizationServerMetadata: authorizationServer,
        grant: parsed.grant,
        accessTokenRequest: parsed.accessTokenRequest,
        request,
        expectedPreAuthorizedCode: parsed.grant.preAuthorizedCode,
        ...(code.pin ? { expectedTxCode: code.pin } : {}),
      });
      code.used = true;
      const response = await oauth.createAccessTokenResponse({
        authorizationServer: issuerId,
        audience: issuerId,
        subject: parsed.grant.preAuthorizedCode,
        expiresInSeconds: 300,
        signer: { method: "jwk", alg: "EdDSA", publicJwk: asJwk },
      });
      tokens.add(response.access_token);
      return c.json(response);
    } catch (error) {
      return oauthError(error);
    }
  });
  app.post("/foreign/nonce", (c) => {
    const cNonce = randomBytes(16).toString("base64url");
    nonces.add(cNonce);
    return c.json(vci.createNonceResponse({ cNonce, cNonceExpiresIn: 300 }));
  });
  app.post("/foreign/credential", async (c) => {
    const bearer = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    if (!tokens.delete(bearer)) return c.json({ error: "invalid_token" }, 401);
    try {
      const credentialRequest = vci.parseCredentialRequest({
        issuerMetadata,
        credentialRequest: await c.req.json(),
      });
      const jwt = credentialRequest.proofs?.jwt?.[0] ?? "";
      const nonce = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()).nonce;
      if (!nonces.delete(nonce)) return c.json({ error: "invalid_nonce" }, 400);
      const { signer: holder } = await vci.verifyCredentialRequestJwtProof({
        issuerMetadata,
        jwt,
        expectedNonce: nonce,
      });
      if (holder.method !== "did") return c.json({ error: "invalid_proof" }, 400);
      // A misbehaving issuer (one test) binds the credential to someone else: itself.
      const subjectDid = behaviour.misbind ? signer.did : (holder.didUrl.split("#")[0] ?? "");
      const credential: Credential = await signer.issue(qualificationAchievement, { subjectDid });
      // A misbehaving issuer (one test) changes the credential after signing it.
      if (behaviour.tamper) {
        (credential as unknown as { name: string }).name = "Otro nombre";
      }
      return c.json(
        vci.createCredentialResponse({
          credentialRequest,
          credentials: [{ credential: credential as unknown as Record<string, unknown> }],
        }),
      );
    } catch (error) {
      return oauthError(error);
    }
  });

  return {
    issuerId,
    host: server.host,
    behaviour,
    async offer(options: { pin?: string; configuration?: string; issuer?: string } = {}) {
      const code = randomBytes(16).toString("base64url");
      codes.set(code, { used: false, ...(options.pin ? { pin: options.pin } : {}) });
      const { credentialOffer } = await vci.createCredentialOffer({
        issuerMetadata,
        credentialConfigurationIds: [options.configuration ?? "OpenBadge_ldp"],
        grants: {
          [PRE_AUTH]: {
            "pre-authorized_code": code,
            ...(options.pin
              ? { tx_code: { input_mode: "numeric", length: options.pin.length } }
              : {}),
          },
        },
      });
      if (!options.issuer) return credentialOffer;
      // The same offer naming another credential issuer (its metadata is served elsewhere).
      const link = offerLinkOf(credentialOffer);
      if (link?.by !== "value") throw new Error("offer by value expected");
      const object = { ...(link.offer as object), credential_issuer: options.issuer };
      return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(object))}`;
    },
    close: server.close,
  };
}
