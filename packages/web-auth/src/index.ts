export { type AttemptLimiter, createAttemptLimiter } from "./attempts.js";
export {
  cookieName,
  isRandomToken,
  randomToken,
  sessionCookieOptions,
  tokenHash,
} from "./cookies.js";
export {
  type CheckedForm,
  csrfToken,
  type FormCheck,
  type FormRefusal,
  isCrossSite,
  readCheckedForm,
  tokensMatch,
} from "./form-guard.js";
export {
  defaultScryptCost,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type ScryptCost,
  verifyAgainstNothing,
  verifyPassword,
} from "./passwords.js";
