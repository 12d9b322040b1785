/** Where outgoing mail goes: an `smtp://` or `smtps://` URL, as SMTP_URL names it. */
export interface SmtpEndpoint {
  /** `smtps:` is TLS from the first byte (port 465 by default); `smtp:` may upgrade with STARTTLS. */
  secure: boolean;
  host: string;
  /** The port in the URL, or nodemailer's default (465 for smtps, 587 for smtp). */
  port: number;
  /** Whether the URL carries a user name (and so, usually, a password). */
  authenticated: boolean;
}

/**
 * Reads an SMTP URL. Throws a TypeError for anything else; the message never repeats the URL,
 * which may hold a password.
 */
export function parseSmtpUrl(value: string): SmtpEndpoint {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError("[avala/mail] SMTP_URL is not a URL (smtp://host:port or smtps://…)");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new TypeError("[avala/mail] SMTP_URL must start with smtp:// or smtps://");
  }
  if (url.hostname === "") throw new TypeError("[avala/mail] SMTP_URL names no host");
  const secure = url.protocol === "smtps:";
  return {
    secure,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    authenticated: url.username !== "",
  };
}

/** `smtp://host:port`: the URL without user, password or options, fit for a log line. */
export function describeSmtpUrl(value: string): string {
  const endpoint = parseSmtpUrl(value);
  return `${endpoint.secure ? "smtps" : "smtp"}://${endpoint.host}:${endpoint.port}${
    endpoint.authenticated ? " (with a user name and password)" : ""
  }`;
}

/** The user name and password of an SMTP URL, decoded: what must never reach a log. */
export function smtpUrlSecrets(value: string): string[] {
  try {
    const url = new URL(value);
    return [
      url.username,
      url.password,
      decodeURIComponent(url.username),
      decodeURIComponent(url.password),
    ].filter((part) => part.length >= 3);
  } catch {
    return [];
  }
}
