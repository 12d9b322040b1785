import type { Check, Credential } from "@avala/credentials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredentialVerification, Verification } from "../src/index.js";
import { verify } from "../src/index.js";
import type { FixtureOrganisation, FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

/**
 * The accreditation rule (docs/architecture.md, "Who may accredit"): a link of a chain counts
 * only when its signer is entitled to accredit at that point: an authority of the signed
 * registry, or an organisation to which the registry or an authority's endorsement explicitly
 * grants the right. Being accredited does not by itself give the right to accredit.
 */
let world: FixtureWorld;
let statusIndex = 40_000;

beforeAll(async () => {
  world = await createFixtureWorld();
});

afterAll(async () => {
  await world?.server.close();
});

function trust(result: Verification): Check | undefined {
  return result.checks.find((c) => c.check === "trust");
}

async function verifyIssuedBy(issuer: FixtureOrganisation, endorsements: Credential[]) {
  const { credential } = await world.issue({ issuer, endorsements });
  return (await verify(credential, world.verifyOptions())) as CredentialVerification;
}

function expectAccredited(result: CredentialVerification, chain: string[]) {
  expect(result.verdict).toBe("valid");
  expect(result.trust?.status).toBe("accredited");
  expect(result.trust?.chain.map((l) => `${l.authority.id} -> ${l.subject.id}`)).toEqual(chain);
}

function expectNotAccredited(result: CredentialVerification) {
  // The credential itself is genuine: an issuer nobody vouches for is a warning.
  expect(result.verdict).toBe("valid-with-warnings");
  expect(result.trust?.status).toBe("unknown");
  expect(trust(result)).toMatchObject({
    outcome: "warning",
    code: "trust.unknown-issuer-endorsed",
  });
}

describe("who may accredit", () => {
  it("authority -> body: accredited", async () => {
    const result = await verifyIssuedBy(world.entidad, [
      await world.endorse(world.sep, world.entidad),
    ]);
    expectAccredited(result, [`${world.sep.did} -> ${world.entidad.did}`]);
  });

  it("body -> centre: accredited when the registry grants the body the right to accredit", async () => {
    const school = await world.organisation("centro-a", { es: "Centro A", en: "Centre A" });
    const result = await verifyIssuedBy(school, [await world.endorse(world.ece, school)]);
    expectAccredited(result, [
      `${world.conocer.did} -> ${world.ece.did}`,
      `${world.ece.did} -> ${school.did}`,
    ]);
  });

  it("body -> centre: not accredited when the body is accredited but holds no right to accredit", async () => {
    // The attack: a registry-accredited organisation signs an endorsement for a fresh issuer.
    const patito = await world.organisation("instituto-patito", {
      es: "Instituto Patito",
      en: "Instituto Patito",
    });
    expectNotAccredited(await verifyIssuedBy(patito, [await world.endorse(world.centre, patito)]));
    // Nor does a did:key issuer nobody lists gain anything from it.
    expectNotAccredited(
      await verifyIssuedBy(world.stranger, [await world.endorse(world.centre, world.stranger)]),
    );
  });

  it("body -> centre: accredited when an authority's endorsement grants the body the right", async () => {
    const body = await world.organisation("organismo-b", { es: "Organismo B", en: "Body B" });
    const school = await world.organisation("escuela-b", { es: "Escuela B", en: "School B" });
    const granted = await world.endorse(world.sep, body, { mayAccredit: true });
    const notGranted = await world.endorse(world.sep, body);
    expectAccredited(
      await verifyIssuedBy(school, [
        await world.endorse(body, school, { endorsements: [granted] }),
      ]),
      [`${world.sep.did} -> ${body.did}`, `${body.did} -> ${school.did}`],
    );
    expectNotAccredited(
      await verifyIssuedBy(school, [
        await world.endorse(body, school, { endorsements: [notGranted] }),
      ]),
    );
  });

  it("the right is granted only by an authority: a body cannot pass it on", async () => {
    const body = await world.organisation("organismo-c", { es: "Organismo C", en: "Body C" });
    const middle = await world.organisation("intermedio-c", { es: "Intermedio C", en: "Middle C" });
    const school = await world.organisation("escuela-c", { es: "Escuela C", en: "School C" });
    const sepGrantsBody = await world.endorse(world.sep, body, { mayAccredit: true });
    // The body (entitled) endorses `middle` and claims to grant it the right too.
    const bodyGrantsMiddle = await world.endorse(body, middle, {
      mayAccredit: true,
      endorsements: [sepGrantsBody],
    });
    const middleEndorsesSchool = await world.endorse(middle, school, {
      endorsements: [bodyGrantsMiddle],
    });
    expectNotAccredited(await verifyIssuedBy(school, [middleEndorsesSchool]));
    // ECE holds the right by the registry, not the power to grant it.
    const eceGrantsMiddle = await world.endorse(world.ece, middle, { mayAccredit: true });
    expectNotAccredited(
      await verifyIssuedBy(school, [
        await world.endorse(middle, school, { endorsements: [eceGrantsMiddle] }),
      ]),
    );
  });

  it("an unlisted signer -> anyone: not accredited, whatever it claims", async () => {
    const school = await world.organisation("escuela-d", { es: "Escuela D", en: "School D" });
    const selfGranted = await world.endorse(world.stranger, world.stranger, { mayAccredit: true });
    expectNotAccredited(
      await verifyIssuedBy(school, [
        await world.endorse(world.stranger, school, {
          mayAccredit: true,
          endorsements: [selfGranted],
        }),
      ]),
    );
  });

  it("a withdrawn link anywhere: not accredited", async () => {
    const body = await world.organisation("organismo-e", { es: "Organismo E", en: "Body E" });
    const school = await world.organisation("escuela-e", { es: "Escuela E", en: "School E" });
    const grantIndex = ++statusIndex;
    const linkIndex = ++statusIndex;
    const grant = await world.endorse(world.sep, body, {
      mayAccredit: true,
      statusIndex: grantIndex,
    });
    const link = await world.endorse(body, school, {
      endorsements: [grant],
      statusIndex: linkIndex,
    });
    const chain = [`${world.sep.did} -> ${body.did}`, `${body.did} -> ${school.did}`];
    expectAccredited(await verifyIssuedBy(school, [link]), chain);
    // SEP withdraws its grant: the body's endorsement no longer counts.
    await world.setStatus(world.sep, "revocation", grantIndex, true);
    expectNotAccredited(await verifyIssuedBy(school, [link]));
    await world.setStatus(world.sep, "revocation", grantIndex, false);
    expectAccredited(await verifyIssuedBy(school, [link]), chain);
    // The body withdraws its own endorsement of the school.
    await world.setStatus(body, "revocation", linkIndex, true);
    expectNotAccredited(await verifyIssuedBy(school, [link]));
  });

  it("a cycle is not followed and grants nothing", async () => {
    const a = await world.organisation("ciclo-x", { es: "Ciclo X", en: "Cycle X" });
    const b = await world.organisation("ciclo-y", { es: "Ciclo Y", en: "Cycle Y" });
    const bGrantsA = await world.endorse(b, a, { mayAccredit: true });
    const aGrantsB = await world.endorse(a, b, { mayAccredit: true, endorsements: [bGrantsA] });
    const bGrantsAWithLoop = await world.endorse(b, a, {
      mayAccredit: true,
      endorsements: [aGrantsB],
    });
    expectNotAccredited(await verifyIssuedBy(a, [bGrantsAWithLoop]));
  });

  it("a chain deeper than the limit does not count", async () => {
    const body = await world.organisation("organismo-f", { es: "Organismo F", en: "Body F" });
    const school = await world.organisation("escuela-f", { es: "Escuela F", en: "School F" });
    const grant = await world.endorse(world.sep, body, { mayAccredit: true });
    const { credential } = await world.issue({
      issuer: school,
      endorsements: [await world.endorse(body, school, { endorsements: [grant] })],
    });
    const deep = (await verify(credential, world.verifyOptions())) as CredentialVerification;
    expect(deep.trust?.status).toBe("accredited");
    const shallow = (await verify(
      credential,
      world.verifyOptions({ maxEndorsementDepth: 1 }),
    )) as CredentialVerification;
    expectNotAccredited(shallow);
  });
});
