import { isIP } from "node:net";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message the catcher received, parsed. */
export interface CaughtMail {
  /** 1, 2, …: its number in this catcher. */
  id: number;
  receivedAt: Date;
  envelope: { from: string; to: string[] };
  messageId: string | undefined;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | undefined;
  attachments: Array<{
    filename: string | undefined;
    contentType: string;
    cid: string | undefined;
    content: Buffer;
  }>;
  /** The message as it arrived (RFC 5322). */
  raw: Buffer;
}

/** An SMTP reply that refuses a message: 4xx (try later) or 5xx (for good). */
export interface Refusal {
  code: number;
  message: string;
}

export interface SmtpCatcherOptions {
  /** A loopback address (default 127.0.0.1): the catcher never listens anywhere else. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Messages kept, newest last (default 500); older ones are dropped. */
  keep?: number;
  /** Largest message, bytes (default 10 MiB). */
  maxBytes?: number;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`: give it to the sender as SMTP_URL. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The messages kept, oldest first. */
  messages(): CaughtMail[];
  message(id: number): CaughtMail | undefined;
  /** Messages refused or accepted since the start: every DATA the server answered. */
  readonly deliveries: number;
  /** Refuse every message from now on with this reply (tests of retries), or accept again. */
  refuse(refusal: Refusal | undefined): void;
  /** The first kept message that matches (waiting for it when needed), or a time-out error. */
  waitFor(match?: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  close(): Promise<void>;
}

/** Whether an address is loopback (127.0.0.0/8 or ::1): where a catcher may listen. */
export function isLoopbackAddress(host: string): boolean {
  if (isIP(host) === 4) return host.split(".")[0] === "127";
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((v) => v.text).join(", ");
}

function toCaught(id: number, raw: Buffer, parsed: ParsedMail, envelope: CaughtMail["envelope"]) {
  return {
    id,
    receivedAt: new Date(),
    envelope,
    messageId: parsed.messageId,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : undefined,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      cid: a.cid,
      content: a.content,
    })),
    raw,
  } satisfies CaughtMail;
}

/**
 * A real SMTP server on loopback that accepts every message (any or no login, no TLS) and keeps
 * it in memory, parsed: the demo's and the tests' mail server. No reverse DNS, no relaying:
 * nothing leaves the machine.
 */
export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackAddress(host)) {
    throw new TypeError("[avala/mail] the mail catcher listens on a loopback address only");
  }
  const keep = options.keep ?? 500;
  const kept: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  let refusal: Refusal | undefined;
  let nextId = 1;
  let deliveries = 0;

  const server = new SMTPServer({
    name: "avala-mail-catcher",
    banner: "Avala mail catcher (local only)",
    size: options.maxBytes ?? 10 * 1024 * 1024,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "catcher" });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        deliveries += 1;
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
          return;
        }
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true })
          .then((parsed) => {
            kept.push(toCaught(nextId++, raw, parsed, envelope));
            while (kept.length > keep) kept.shift();
            for (const wake of waiters) wake();
            callback(null, "Caught");
          })
          .catch(() =>
            callback(Object.assign(new Error("Unreadable message"), { responseCode: 554 })),
          );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Errors of single connections (a client that went away) are not the server's.
  server.on("error", () => {});
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const urlHost = isIP(host) === 6 ? `[${host}]` : host;

  return {
    url: `smtp://${urlHost}:${port}`,
    host,
    port,
    messages: () => [...kept],
    message: (id) => kept.find((m) => m.id === id),
    get deliveries() {
      return deliveries;
    },
    refuse(value) {
      refusal = value;
    },
    waitFor(match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = kept.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = () => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`[avala/mail] no matching message within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    clear() {
      kept.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
