import { type InboxServer, startInboxServer } from "./inbox-server.js";
import { type SmtpCatcher, type SmtpCatcherOptions, startSmtpCatcher } from "./smtp-catcher.js";

export interface MailCatcherOptions extends SmtpCatcherOptions {
  /** Port of the inbox page (default 0: a free one). */
  inboxPort?: number;
}

/** The SMTP catcher and its inbox page, started and closed together. */
export interface MailCatcher {
  smtp: SmtpCatcher;
  inbox: InboxServer;
  /** The SMTP URL to send to (SMTP_URL). */
  readonly smtpUrl: string;
  /** The inbox page. */
  readonly inboxUrl: string;
  close(): Promise<void>;
}

/** Starts an SMTP catcher on loopback and serves its inbox (what `pnpm start` runs). */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const smtp = await startSmtpCatcher(options);
  let inbox: InboxServer;
  try {
    inbox = await startInboxServer(smtp, { port: options.inboxPort ?? 0 });
  } catch (error) {
    await smtp.close();
    throw error;
  }
  return {
    smtp,
    inbox,
    smtpUrl: smtp.url,
    inboxUrl: inbox.url,
    async close() {
      await inbox.close();
      await smtp.close();
    },
  };
}
