import type { Locale } from "@avala/i18n";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { TokenRole } from "../db/schema.js";

/** Who is calling: the deployment's platform admin, or an organisation's API token. */
export type Principal =
  | { kind: "platform"; actor: "platform"; label: "platform" }
  | {
      kind: "organisation";
      organisationId: number;
      slug: string;
      role: TokenRole;
      /** The token's public id (recorded as the actor in histories). */
      actor: string;
      label: string;
    };

/** Hono environment of the issuer app. */
export type IssuerEnv = {
  Variables: {
    locale: Locale;
    principal: Principal;
    /** The organisation named by `:slug`, after access was checked. */
    organisation: OrganisationRow;
    jsonBody: unknown;
  };
};
