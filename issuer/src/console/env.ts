import type { Locale } from "@avala/i18n";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { StaffRow } from "../db/repositories/staff.js";

/** What the console's middleware puts on every request. */
export type ConsoleEnv = {
  Variables: {
    locale: Locale;
    /** The signed-in staff member and their organisation (the only one they can see). */
    staff: StaffRow | undefined;
    organisation: OrganisationRow | undefined;
    /** Signed in with the platform admin token. */
    platform: boolean;
    /** SHA-256 of the session id, when signed in (to sign out). */
    sessionHash: string | undefined;
    /** The token every form on the page must send back. */
    csrfToken: string;
    /** The parsed body of a POST (checked for origin and CSRF before any handler runs). */
    form: FormData;
  };
};
