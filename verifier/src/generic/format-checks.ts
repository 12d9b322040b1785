import type { Check, JsonObject } from "@avala/credentials";
import { makeCheck } from "@avala/credentials";
import { isGenericCredential } from "./recognise.js";

/**
 * A credential that is not an Open Badge and names a JSON-LD context Avala does not hold: the
 * context is never fetched, so what its terms mean, and so what the issuer signed, cannot be
 * known. That is not a forgery: the context check says "could not check" naming the context,
 * and the proof check says plainly that the signature could not be checked because of the
 * format. (An Open Badge with such a context still fails `context.unknown`: Avala knows every
 * context an Open Badge needs.) Other checks are returned as they are.
 */
export function withUnheldContext(document: JsonObject | undefined, checks: Check[]): Check[] {
  const index = checks.findIndex((c) => c.code === "context.unknown" && c.outcome === "fail");
  if (index < 0 || !isGenericCredential(document)) return checks;
  // (isGenericCredential narrows `document` to an object.)
  const url = String(checks[index]!.params?.url ?? "?");
  const out = [...checks];
  out.splice(
    index,
    1,
    makeCheck("context", "could-not-check", "generic.context-not-held", { url }),
  );
  if (!out.some((c) => c.check === "proof")) out.push(proofCheck(document));
  return out;
}

/**
 * What can be said of a proof without the vocabulary: none is a failure (an unsigned document is
 * never "could not check"), one that is not a proof object is malformed, else it is unchecked.
 */
function proofCheck(document: JsonObject): Check {
  const proofs = document.proof === undefined ? [] : [document.proof].flat();
  if (proofs.length === 0) return makeCheck("proof", "fail", "proof.missing");
  const malformed = proofs.some(
    (p) =>
      !p ||
      typeof p !== "object" ||
      Array.isArray(p) ||
      typeof (p as JsonObject).type !== "string" ||
      typeof (p as JsonObject).verificationMethod !== "string",
  );
  if (malformed) {
    return makeCheck("proof", "fail", "proof.malformed", {
      reason: "a proof must be an object with a type and a verificationMethod",
    });
  }
  return makeCheck("proof", "could-not-check", "generic.proof-not-checked");
}
