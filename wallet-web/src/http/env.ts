import type { Locale } from "@avala/i18n";
import type { Account } from "../db/repositories.js";

/** What the wallet's middleware puts on every request. */
export type WalletEnv = {
  Variables: {
    locale: Locale;
    /** The signed-in account, if any. */
    account: Account | undefined;
    /** SHA-256 of the session id, when signed in (to sign out). */
    sessionHash: string | undefined;
    /** The token every form on the page must send back. */
    csrfToken: string;
    /** The parsed body of a POST (checked for CSRF before any handler runs). */
    form: FormData;
  };
};
