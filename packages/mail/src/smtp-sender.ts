import { createTransport } from "nodemailer";
import { parseSmtpUrl, smtpUrlSecrets } from "./smtp-url.js";

/** A file carried by a message; with `cid`, an image the HTML part shows inline (`cid:…`). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
  cid?: string;
}

/** One message to one recipient. */
export interface OutgoingMail {
  /** `address` or `Name <address>`, or both parts apart. */
  from: string | { name: string; address: string };
  to: string;
  replyTo?: string | undefined;
  subject: string;
  text: string;
  html?: string | undefined;
  /** A stable `<id@host>` lets mail clients drop a copy that was sent twice. */
  messageId?: string | undefined;
  attachments?: MailAttachment[] | undefined;
  /** Extra header lines, e.g. `Auto-Submitted: auto-generated`. */
  headers?: Record<string, string> | undefined;
}

export interface SentMail {
  messageId: string;
  /** The server's last answer, e.g. `250 OK: queued as …`. */
  response: string;
}

/** Sends mail; one pool of connections, closed with `close()`. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (SMTP_URL). A secret. */
  url: string;
  /** The name this client gives in EHLO (default: nodemailer's, from the host name). */
  clientName?: string | undefined;
  /** Connecting, greeting and idle socket limits, ms (default 10 s, 10 s, 30 s). */
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Connections kept open at once (default 2). */
  maxConnections?: number;
}

/**
 * An SMTP sender on nodemailer's pooled transport. Only `smtp:` and `smtps:` URLs are taken
 * (no sendmail binary, no service names). A hostname is resolved by nodemailer when it connects;
 * a literal IP address is used as it is.
 */
export function createSmtpSender(options: SmtpSenderOptions): MailSender {
  parseSmtpUrl(options.url);
  const transport = createTransport({
    pool: true,
    url: options.url,
    maxConnections: options.maxConnections ?? 2,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    ...(options.clientName ? { name: options.clientName } : {}),
    // Plain text part and HTML as given: nothing is fetched to build a message.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
        attachments: (mail.attachments ?? []).map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.content),
          ...(attachment.cid ? { cid: attachment.cid, contentDisposition: "inline" as const } : {}),
        })),
      });
      return { messageId: String(info.messageId), response: String(info.response ?? "") };
    },
    close() {
      transport.close();
    },
  };
}

/** What became of a failed send: whether trying again can help, and a loggable summary. */
export interface SendFailure {
  /** An SMTP 5xx answer (the server refused for good, e.g. no such mailbox). */
  permanent: boolean;
  /** Error code, SMTP reply code and message, at most 300 characters, without secrets. */
  summary: string;
}

/**
 * Classifies an error from `MailSender.send`. 5xx replies are permanent; 4xx replies, refused or
 * dropped connections and time-outs are worth another attempt. The summary never holds the SMTP
 * URL's user name or password.
 */
export function describeSendError(error: unknown, smtpUrl?: string): SendFailure {
  const details = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const responseCode = typeof details.responseCode === "number" ? details.responseCode : undefined;
  const code = typeof details.code === "string" ? details.code : undefined;
  const message = typeof details.message === "string" ? details.message : String(error);
  let summary = [code, responseCode, message.replace(/\s+/g, " ").trim()]
    .filter((part) => part !== undefined && part !== "")
    .join(" ");
  for (const secret of smtpUrl ? smtpUrlSecrets(smtpUrl) : []) {
    summary = summary.split(secret).join("***");
  }
  return {
    permanent: responseCode !== undefined && responseCode >= 500 && responseCode < 600,
    summary: summary.slice(0, 300),
  };
}
