import { createDocumentLoader } from "@avala/document-loader";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  AchievementCredential,
  Check,
  Proof,
  SigningKey,
  VerificationResult,
} from "../src/index.js";
import {
  buildAchievementCredential,
  checkOpenBadgesSchema,
  cryptosuites,
  generateSigningKey,
  identifierMatches,
  OB_V3_CONTEXT,
  signCredential,
  VC_V2_CONTEXT,
  verifyCredential,
} from "../src/index.js";
import {
  credentialInput,
  microcredentialAchievement,
  now,
  qualificationAchievement,
  unitAchievement,
} from "./fixtures/credentials.js";

const documentLoader = createDocumentLoader();
const verify = (input: unknown, at: Date = now) =>
  verifyCredential(input, { documentLoader, now: at });

const failing = (result: VerificationResult): string[] =>
  result.checks.filter((c: Check) => c.outcome !== "pass").map((c) => c.code);

let issuerKey: SigningKey;
let otherKey: SigningKey;
let signed: AchievementCredential;

beforeAll(async () => {
  issuerKey = await generateSigningKey();
  otherKey = await generateSigningKey();
  signed = await signCredential(
    buildAchievementCredential(credentialInput(issuerKey.controller, qualificationAchievement)),
    { key: issuerKey, documentLoader },
  );
});

describe("valid credentials of each kind", () => {
  it.each([
    ["unit", unitAchievement],
    ["microcredential", microcredentialAchievement],
    ["qualification", qualificationAchievement],
  ] as const)(
    "%s, with each cryptosuite, verifies as valid with every check passing",
    async (_, achievement) => {
      for (const cryptosuite of cryptosuites) {
        const credential = await signCredential(
          buildAchievementCredential(credentialInput(issuerKey.controller, achievement)),
          { key: issuerKey, documentLoader, cryptosuite },
        );
        const result = await verify(credential);
        expect(failing(result), cryptosuite).toEqual([]);
        expect(result.verdict).toBe("valid");
        expect(result.checks.map((c) => c.code)).toEqual(
          expect.arrayContaining([
            "proof.valid",
            "issuer.bound",
            "schema.valid",
            "validity.current",
          ]),
        );
        for (const check of result.checks) {
          expect(check.message.es).toBeTruthy();
          expect(check.message.en).toBeTruthy();
        }
      }
    },
  );

  it("carries codes, level, units and fields as OB 3.0 alignments", () => {
    const achievement = signed.credentialSubject.achievement;
    expect(achievement.achievementType).toBe("Certification");
    expect(achievement.humanCode).toBe("EC0217.01");
    const byType = (t: string) => achievement.alignment?.filter((a) => a.targetType === t) ?? [];
    expect(byType("ceasn:Competency").map((a) => a.targetCode)).toEqual([
      "U0586",
      "U0587",
      "U0588",
    ]);
    expect(byType("ext:CompetenceLevel")[0]?.targetCode).toBe("3");
    expect(byType("ext:ISCEDField")[0]?.targetCode).toBe("0111");
    expect(byType("ext:EQFLevel")[0]?.targetCode).toBe("4");
    // English in the achievement's English edition (OB 3.0 `related`), not in a private context.
    expect(achievement.related).toEqual([
      {
        id: `${qualificationAchievement.id}#en`,
        type: ["Related"],
        inLanguage: "en",
        name: "Delivery of in-person group training courses",
        description: "Competence standard for in-person trainers.",
        narrative: "Competent in the three units of the standard.",
      },
    ]);
    expect(signed["@context"]).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT]);
  });

  it("never writes a CURP or email in clear; the hashes still match their owner", () => {
    const text = JSON.stringify(signed);
    expect(text).not.toContain("GODE561231HDFRRN09");
    expect(text.toLowerCase()).not.toContain("ana.lopez@example.mx");
    const [curp, email] = signed.credentialSubject.identifier ?? [];
    expect(curp && identifierMatches(curp, "curp", " gode561231hdfrrn09 ")).toBe(true);
    expect(email && identifierMatches(email, "email", "ana.lopez@EXAMPLE.mx")).toBe(true);
    expect(curp && identifierMatches(curp, "curp", "GODE561231HDFRRN08")).toBe(false);
  });

  it("validates against the 1EdTech OB 3.0 JSON Schema", () => {
    expect(checkOpenBadgesSchema(signed)).toMatchObject({ outcome: "pass", code: "schema.valid" });
  });
});

/**
 * A base58btc proof value with one digit in the middle replaced by a different digit. (Writing
 * fixed characters over the end was a no-op whenever they were already there; base58 digits are
 * not bit-packed, so a different digit always means different signature bytes.)
 */
function withOtherDigit(value: string): string {
  const at = Math.floor(value.length / 2);
  return `${value.slice(0, at)}${value[at] === "2" ? "3" : "2"}${value.slice(at + 1)}`;
}

describe("proof sets", () => {
  it("a credential co-signed by a second key keeps both proofs and stays bound to its issuer", async () => {
    const cosigned = await signCredential(signed, { key: otherKey, documentLoader });
    const proofs = cosigned.proof as unknown[];
    expect(proofs).toHaveLength(2);
    const result = await verify(cosigned);
    expect(failing(result)).toEqual([]);
    expect(result.verdict).toBe("valid");
    // The same credential without the issuer's proof is no longer the issuer's.
    const onlyCosigner = { ...cosigned, proof: proofs[1] };
    expect(failing(await verify(onlyCosigner))).toEqual(["issuer.binding-mismatch"]);
    // One broken proof in the set breaks the set.
    const broken = structuredClone(cosigned);
    const second = (broken.proof as Proof[])[1]!;
    second.proofValue = withOtherDigit(second.proofValue);
    expect(second.proofValue).not.toBe((cosigned.proof as Proof[])[1]!.proofValue);
    expect(failing(await verify(broken))).toEqual(["proof.invalid"]);
    // Tampering breaks both proofs.
    const tampered = structuredClone(cosigned);
    tampered.credentialSubject.achievement.humanCode = "EC0000.01";
    expect(failing(await verify(tampered))).toEqual(["proof.invalid"]);
  });
});

describe("bad inputs, each with its own check code", () => {
  it("tampered value → proof.invalid", async () => {
    const tampered = structuredClone(signed);
    tampered.credentialSubject.achievement.name = "Doctorado en Física";
    const result = await verify(tampered);
    expect(result.verdict).toBe("invalid");
    expect(failing(result)).toEqual(["proof.invalid"]);
  });

  it("signed by a key that is not the issuer's → issuer.binding-mismatch", async () => {
    const forged = await signCredential(
      buildAchievementCredential(credentialInput(issuerKey.controller, unitAchievement)),
      { key: otherKey, documentLoader },
    );
    const result = await verify(forged);
    expect(result.verdict).toBe("invalid");
    expect(failing(result)).toEqual(["issuer.binding-mismatch"]);
    expect(result.checks.find((c) => c.code === "issuer.binding-mismatch")?.params?.signer).toBe(
      otherKey.controller,
    );
  });

  it("expired → validity.expired; not yet valid → validity.not-yet-valid", async () => {
    expect(failing(await verify(signed, new Date("2032-01-01T00:00:00Z")))).toEqual([
      "validity.expired",
    ]);
    expect(failing(await verify(signed, new Date("2025-01-01T00:00:00Z")))).toEqual([
      "validity.not-yet-valid",
    ]);
  });

  it("missing required fields → schema.invalid", async () => {
    const unsigned = buildAchievementCredential(
      credentialInput(issuerKey.controller, unitAchievement),
    );
    const { criteria: _criteria, ...achievement } = unsigned.credentialSubject.achievement;
    unsigned.credentialSubject.achievement =
      achievement as typeof unsigned.credentialSubject.achievement;
    const credential = await signCredential(unsigned, { key: issuerKey, documentLoader });
    const result = await verify(credential);
    expect(result.verdict).toBe("invalid");
    expect(failing(result)).toEqual(["schema.invalid"]);
  });

  it("an issuer object without type Profile → schema.invalid (a gap in the JSON Schema)", async () => {
    const unsigned = buildAchievementCredential(
      credentialInput(issuerKey.controller, unitAchievement),
    );
    delete (unsigned.issuer as Record<string, unknown>).type;
    expect(checkOpenBadgesSchema(unsigned)).toMatchObject({
      outcome: "fail",
      code: "schema.invalid",
    });
  });

  it("unknown context → context.unknown naming it, and nothing is fetched", async () => {
    const credential = structuredClone(signed);
    credential["@context"] = [...credential["@context"], "https://attacker.example/ctx.jsonld"];
    const result = await verify(credential);
    expect(result.verdict).toBe("invalid");
    expect(failing(result)).toEqual(["context.unknown"]);
    expect(result.checks[0]?.params?.url).toBe("https://attacker.example/ctx.jsonld");
  });

  it("an inline context that is not an object, or maps a term to null → context.invalid", async () => {
    // (Inline context objects themselves are VC DM 2.0 and accepted: test/inline-contexts.)
    for (const entry of [42, null, ["https://www.w3.org/ns/credentials/v2"], { name: null }]) {
      const credential = structuredClone(signed) as unknown as Record<string, unknown[]>;
      credential["@context"] = [...credential["@context"]!, entry];
      const result = await verify(credential);
      expect(result.verdict).toBe("invalid");
      // (The OB schema also refuses an entry that is neither a string nor an object.)
      expect(failing(result), JSON.stringify(entry)).toContain("context.invalid");
      expect(result.checks.find((c) => c.check === "proof")).toBeUndefined();
    }
  });

  it("malformed JSON-LD (a term no context defines) → jsonld.malformed", async () => {
    const unsigned = buildAchievementCredential(
      credentialInput(issuerKey.controller, unitAchievement),
    );
    (unsigned.credentialSubject as Record<string, unknown>).undefinedTerm = "x";
    const credential = await signCredential(unsigned, { key: issuerKey, documentLoader }).catch(
      () => null,
    );
    // Signing refuses it (JSON-LD safe mode); a forged copy with the term added fails verification.
    expect(credential).toBeNull();
    const forged = structuredClone(signed) as unknown as Record<string, Record<string, unknown>>;
    forged.credentialSubject!.undefinedTerm = "x";
    const result = await verify(forged);
    expect(failing(result)).toEqual(["jsonld.malformed"]);
  });

  it("no proof → proof.missing", async () => {
    const { proof: _proof, ...unsigned } = signed;
    expect(failing(await verify(unsigned))).toEqual(["proof.missing"]);
  });

  it("malformed JSON → input.malformed-json", async () => {
    expect(failing(await verify('{"@context": ['))).toEqual(["input.malformed-json"]);
  });

  it("a 5 MB body → input.too-large", async () => {
    const big = JSON.stringify({ ...signed, padding: "x".repeat(5 * 1024 * 1024) });
    const result = await verify(big);
    expect(failing(result)).toEqual(["input.too-large"]);
    expect(failing(await verify(Buffer.from(big)))).toEqual(["input.too-large"]);
    expect(failing(await verify(JSON.parse(big)))).toEqual(["input.too-large"]);
  });

  it("text that is not text (a lone surrogate, bytes that are not UTF-8) → input.ill-formed-text", async () => {
    const text = JSON.stringify(signed);
    for (const input of [
      text.replace('"name":"', '"name":"\\ud800'),
      text.replace('"type":', '"\\udc00type":'),
      new Uint8Array([...Buffer.from('{"name":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]),
      new Uint8Array([...Buffer.from('{"name":"'), 0xff, ...Buffer.from('"}')]),
      { ...signed, name: "Unidad \ud800" },
    ]) {
      expect(failing(await verify(input))).toEqual(["input.ill-formed-text"]);
    }
    // A well-formed pair (an emoji) is text.
    expect(failing(await verify(text.replace('"name":"', '"name":"\\ud83c\\udf93')))).not.toContain(
      "input.ill-formed-text",
    );
  });

  it("deeply nested JSON → input.too-deep, as text and as an object, without a stack overflow", async () => {
    const depth = 100_000;
    const text = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(failing(await verify(text))).toEqual(["input.too-deep"]);
    let nested: unknown = {};
    for (let i = 0; i < depth; i++) nested = { a: nested };
    expect(failing(await verify(nested))).toEqual(["input.too-deep"]);
  });

  it("not a credential → input.not-credential; not an object → input.not-object", async () => {
    expect(failing(await verify({ hello: "world" }))).toEqual(["input.not-credential"]);
    expect(failing(await verify("[1,2,3]"))).toEqual(["input.not-object"]);
    expect(failing(await verify(null))).toEqual(["input.not-object"]);
  });

  it("a proof by an unresolvable did:web → proof.key-unresolved (could not check, so invalid)", async () => {
    const credential = structuredClone(signed);
    const proof = credential.proof as Record<string, unknown>;
    proof.verificationMethod = "did:web:unreachable.example#key-1";
    const result = await verify(credential);
    expect(result.verdict).toBe("invalid");
    expect(failing(result)).toEqual(["proof.key-unresolved"]);
  });
});

describe("API misuse throws", () => {
  it("without a document loader or key", async () => {
    // @ts-expect-error deliberately missing options
    await expect(verifyCredential(signed, {})).rejects.toThrow(TypeError);
    // @ts-expect-error deliberately missing key
    await expect(signCredential(signed, { documentLoader })).rejects.toThrow(TypeError);
  });
});
