export { defaultRetryPolicy, mayRetry, type RetryPolicy, retryDelayMs } from "./backoff.js";
export { escapeHtml } from "./escape-html.js";
export {
  createSmtpSender,
  describeSendError,
  type MailAttachment,
  type MailSender,
  type OutgoingMail,
  type SendFailure,
  type SentMail,
  type SmtpSenderOptions,
} from "./smtp-sender.js";
export { describeSmtpUrl, parseSmtpUrl, type SmtpEndpoint, smtpUrlSecrets } from "./smtp-url.js";
