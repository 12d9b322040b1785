import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import { isLocale, type Locale, negotiateLocale } from "@avala/i18n";
import { inboxPage, messagePage, notFoundPage } from "./inbox-page.js";
import { isLoopbackAddress, type SmtpCatcher } from "./smtp-catcher.js";

export interface InboxServerOptions {
  /** A loopback address (default: the catcher's). */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
}

export interface InboxServer {
  /** `http://127.0.0.1:<port>/`: the inbox page. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const pageHeaders = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
};

/** A message's own HTML: shown only inside the sandboxed frame, with no scripts and no network. */
const bodyHeaders = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
};

function localeOf(request: IncomingMessage, url: URL): Locale {
  const asked = url.searchParams.get("lang");
  return isLocale(asked) ? asked : negotiateLocale(request.headers["accept-language"]);
}

function handle(catcher: SmtpCatcher, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? "/", "http://catcher.invalid");
  const locale = localeOf(request, url);
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end();
    return;
  }
  if (url.pathname === "/") {
    response.writeHead(200, pageHeaders).end(inboxPage(locale, catcher.messages()));
    return;
  }
  if (url.pathname === "/messages.json") {
    const list = catcher.messages().map((m) => ({
      id: m.id,
      receivedAt: m.receivedAt.toISOString(),
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
    }));
    response
      .writeHead(200, { "content-type": "application/json", "cache-control": "no-store" })
      .end(JSON.stringify({ messages: list }));
    return;
  }
  const match = /^\/messages\/(\d{1,9})(?:\/(body\.html)|\/attachments\/(\d{1,4}))?$/.exec(
    url.pathname,
  );
  const mail = match ? catcher.message(Number(match[1])) : undefined;
  if (!match || !mail) {
    response.writeHead(404, pageHeaders).end(notFoundPage(locale));
    return;
  }
  if (match[2]) {
    response.writeHead(200, bodyHeaders).end(mail.html ?? "");
    return;
  }
  if (match[3] !== undefined) {
    const attachment = mail.attachments[Number(match[3])];
    if (!attachment) {
      response.writeHead(404, pageHeaders).end(notFoundPage(locale));
      return;
    }
    const image = /^image\/(png|jpeg|gif|webp)$/.test(attachment.contentType);
    response
      .writeHead(200, {
        "content-type": image ? attachment.contentType : "application/octet-stream",
        "content-disposition": image ? "inline" : "attachment",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      })
      .end(attachment.content);
    return;
  }
  response.writeHead(200, pageHeaders).end(messagePage(locale, mail));
}

/**
 * Serves a catcher's inbox as a small page (Spanish and English, fit for a 360 px screen): the
 * list, each message with its HTML part (sandboxed), text part and attachments, and
 * `/messages.json`. Loopback only, no log-in: it is for the demo and tests on this machine.
 */
export async function startInboxServer(
  catcher: SmtpCatcher,
  options: InboxServerOptions = {},
): Promise<InboxServer> {
  const host = options.host ?? catcher.host;
  if (!isLoopbackAddress(host)) {
    throw new TypeError("[avala/mail] the inbox page listens on a loopback address only");
  }
  const server = createServer((request, response) => {
    try {
      handle(catcher, request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const urlHost = isIP(host) === 6 ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
