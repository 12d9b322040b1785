import { describe, expect, it } from "vitest";
import { issuerMessages } from "../src/messages/issuer.js";
import { verifierMessages } from "../src/messages/verifier.js";
import { walletMessages } from "../src/messages/wallet.js";

// Every service speaks to people in one register: "tú". Caught here: the "usted" pronouns, and
// the formal imperatives the catalogues once had at the start of a sentence or clause (a
// subjunctive after "quien" or "que", as in "quien la revise", is not one of them).
const imperatives =
  "escanee|comparta|pida|vuelva|use|revise|verifique|ingrese|intente|guarde|abra|copie|pegue|seleccione|elija|escriba|compruebe|apunte|espere|indique|envíe|no lo comparta";
const usted = new RegExp(
  `\\b(usted(es)?|le ofrece|quiere verificar|puede guardarla)\\b|(^|[.:;!?]\\s+|[¿¡]|\\by\\s+)(${imperatives})\\b`,
  "iu",
);

describe("the Spanish register", () => {
  for (const [name, catalogue] of Object.entries({
    wallet: walletMessages,
    issuer: issuerMessages,
    verifier: verifierMessages,
  })) {
    it(`is "tú" in the ${name} messages`, () => {
      const formal = Object.entries(catalogue as Record<string, { es: string }>)
        .filter(([, text]) => usted.test(text.es))
        .map(([key, text]) => `${key}: ${text.es}`);
      expect(formal).toEqual([]);
    });
  }
});
