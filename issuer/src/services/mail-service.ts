import { hkdfSync } from "node:crypto";
import { createSmtpSender, describeSmtpUrl, type MailSender } from "@avala/mail";
import type { IssuerConfig } from "../config.js";
import type { IssuerContext } from "../context.js";
import { SecretBox } from "../crypto/secret-box.js";
import { createMailWorker, type MailWorker } from "./mail-worker.js";

/** The issuer's e-mail: the SMTP sender (when configured), the outbox worker, the link seal. */
export interface IssuerMail {
  /** Undefined without SMTP_URL: messages are queued and wait until one is configured. */
  readonly sender: MailSender | undefined;
  readonly worker: MailWorker;
  /**
   * Seals links that cannot be recomputed when sending (invitations), under a key derived from
   * the master key for this purpose only.
   */
  readonly links: SecretBox;
  /** One line for the start-up log: where mail goes (never the SMTP password). */
  describe(): string;
  /** Stops the worker and closes the SMTP connections. */
  close(): Promise<void>;
}

export function createIssuerMail(
  getCtx: () => IssuerContext,
  config: IssuerConfig,
  masterKey: Buffer,
): IssuerMail {
  const sender = config.smtpUrl
    ? createSmtpSender({
        url: config.smtpUrl,
        clientName: new URL(config.publicUrl).hostname,
      })
    : undefined;
  const worker = createMailWorker(getCtx, sender);
  const links = new SecretBox(
    Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "avala-issuer/mail-links/v1", 32)),
  );
  return {
    sender,
    worker,
    links,
    describe: () =>
      config.smtpUrl
        ? `e-mail: sending through ${describeSmtpUrl(config.smtpUrl)} as ${config.mailFrom.address}`
        : "e-mail: SMTP_URL is not set; claim and invitation e-mails wait in the outbox (GET /orgs/:slug/outbox)",
    async close() {
      await worker.stop();
      sender?.close();
    },
  };
}
