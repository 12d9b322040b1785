import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";
import {
  createSmtpSender,
  describeSendError,
  describeSmtpUrl,
  type MailSender,
  type OutgoingMail,
} from "@avala/mail";
import type { ResolvedWalletConfig, WalletLogger } from "../context.js";

/**
 * The wallet's e-mail: an SMTP sender (`@avala/mail`, nodemailer) when SMTP_URL is set, and the
 * work that runs after a page has been answered. A password reset request is answered at once,
 * the same way whether or not the address has an account; looking the account up, storing the
 * link and sending it happen afterwards (`later`), so neither the answer nor its timing depend
 * on what is found.
 */
export interface WalletMail {
  /** False without SMTP_URL: nothing can be sent, so password resets are not offered. */
  readonly enabled: boolean;
  /** Sends one message now (resolves when the server accepted it). */
  send(mail: Omit<OutgoingMail, "from">, locale: Locale): Promise<void>;
  /** Runs `task` after the current request, logging (never throwing) what fails. */
  later(task: () => Promise<void>, what: string): void;
  /** Resolves once every task started by `later` has ended (tests, shutdown). */
  settled(): Promise<void>;
  /** One line for the start-up log: where mail goes (never the SMTP password). */
  describe(): string;
  /** Waits for the pending tasks, then closes the SMTP connections. */
  close(): Promise<void>;
}

export function createWalletMail(config: ResolvedWalletConfig, log: WalletLogger): WalletMail {
  const smtpUrl = config.smtpUrl;
  const host = new URL(config.publicUrl).hostname;
  const sender: MailSender | undefined = smtpUrl
    ? createSmtpSender({ url: smtpUrl, clientName: host })
    : undefined;
  const address = config.mailFrom?.address ?? `no-reply@${host}`;
  const pending = new Set<Promise<void>>();
  const settled = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };
  return {
    enabled: sender !== undefined,
    async send(mail, locale) {
      if (!sender) throw new Error("SMTP_URL is not set: the wallet cannot send e-mail");
      await sender.send({
        ...mail,
        from: { name: config.mailFrom?.name ?? t("wallet.brand", locale), address },
        // RFC 3834: no out-of-office replies to an automatic message.
        headers: { "Auto-Submitted": "auto-generated", ...mail.headers },
      });
    },
    later(task, what) {
      const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch((error: unknown) => {
          log.error(`${what} failed`, {
            error: smtpUrl ? describeSendError(error, smtpUrl).summary : String(error),
          });
        })
        .finally(() => {
          pending.delete(run);
        });
      pending.add(run);
    },
    settled,
    describe: () =>
      smtpUrl
        ? `e-mail: sending through ${describeSmtpUrl(smtpUrl)} as ${address}`
        : "e-mail: SMTP_URL is not set; password reset by e-mail is not offered",
    async close() {
      await settled();
      sender?.close();
    },
  };
}
