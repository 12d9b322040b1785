export { type InboxServer, type InboxServerOptions, startInboxServer } from "./inbox-server.js";
export { type MailCatcher, type MailCatcherOptions, startMailCatcher } from "./mail-catcher.js";
export {
  type CaughtMail,
  isLoopbackAddress,
  type Refusal,
  type SmtpCatcher,
  type SmtpCatcherOptions,
  startSmtpCatcher,
} from "./smtp-catcher.js";
