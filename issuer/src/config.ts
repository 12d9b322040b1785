import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { parseSmtpUrl } from "@avala/mail";
import { assertKeyFileOutsideDataDir, MASTER_KEY_FILE_NAME } from "./crypto/master-key.js";
import { hasControlCharacters } from "./text.js";

/**
 * The issuer's configuration. The environment is read here and nowhere else; everything below
 * `config.ts` receives an `IssuerConfig`.
 */
export interface IssuerConfig {
  /** TCP port to listen on (ISSUER_PORT, default 4100). */
  port: number;
  /** The public origin, no trailing slash (ISSUER_PUBLIC_URL). Names DIDs, URLs in credentials. */
  publicUrl: string;
  /** The wallet's public origin (WALLET_PUBLIC_URL): the claim page links there. */
  walletPublicUrl: string;
  /** The verify page's public origin (VERIFIER_PUBLIC_URL): the PDF certificate's QR code. */
  verifierPublicUrl: string;
  /** Where the SQLite file lives (AVALA_DATA_DIR, default ./data). Never the master key. */
  dataDir: string;
  /** PostgreSQL URL (DATABASE_URL); absent → SQLite in `dataDir`. A secret. */
  databaseUrl: string | undefined;
  /** Base64 of 32 bytes (AVALA_MASTER_KEY); absent → the key file. A secret. */
  masterKey: string | undefined;
  /**
   * The master key file (ISSUER_MASTER_KEY_FILE), created (0600) when missing; absent →
   * `defaultMasterKeyFile`. Never inside `dataDir`: a copy of the data would carry its key.
   */
  masterKeyFile: string | undefined;
  /**
   * The key file when none is chosen: `$XDG_CONFIG_HOME/avala/issuer-master.key`, else
   * `$HOME/.config/avala/issuer-master.key`. (A `master.key` that older versions left in
   * `dataDir` is still read, with a warning: see `crypto/master-key.ts`.)
   */
  defaultMasterKeyFile: string;
  /** The demo organisation's admin token (AVALA_DEMO_TOKEN); absent → derived from the master key. */
  demoToken: string | undefined;
  /** The deployment's platform admin token (AVALA_PLATFORM_ADMIN_TOKEN); absent → platform API off. */
  platformAdminToken: string | undefined;
  /**
   * Seed the demo data (fake SEP and CONOCER authorities, the `platform` organisation that signs
   * the trust registry, a demo admin token) into an empty database (AVALA_SEED_DEMO). The
   * environment's default is off (`readIssuerConfig`); left undefined, `startIssuer` decides
   * (its `seed` option, default on, for tests and the `pnpm start` demo).
   */
  seedDemo: boolean | undefined;
  /**
   * The SMTP server for outgoing mail (SMTP_URL: `smtp://…` or `smtps://…`, with the user and
   * password when it needs them: a secret). Absent: messages stay queued in the outbox.
   */
  smtpUrl: string | undefined;
  /**
   * The sender (MAIL_FROM): an address, or `Name <address>`. Default `no-reply@<public host>`,
   * shown with the issuing organisation's name.
   */
  mailFrom: MailFrom;
  /** How the outbox worker sends. */
  mail: IssuerMailSettings;
  /** How cohort batches are run (claims, and the job queue on PostgreSQL). */
  batches: IssuerBatchSettings;
  limits: IssuerLimits;
}

export interface IssuerBatchSettings {
  /**
   * How long the rows a worker claimed stay reserved to it, ms. It renews the lease while it
   * signs; when a worker dies, another takes its rows over once the lease ends.
   */
  leaseMs: number;
  /**
   * PostgreSQL: the schema of the job queue's tables (ISSUER_QUEUE_SCHEMA). Absent: the issuer's
   * own schema, or `avala_issuer_queue` when that is `public`.
   */
  queueSchema: string | undefined;
  /** PostgreSQL: how often an idle process looks for queued batches, ms (at least 500). */
  queuePollMs: number;
  /** PostgreSQL: how often the queue's maintenance (expired jobs, archive) runs, s. */
  queueMaintenanceSeconds: number;
  /**
   * PostgreSQL: how long one job may run before the queue takes it for lost and retries it
   * elsewhere, s. A job works on its batch to the end, so this bounds a batch, not a chunk; a
   * dead process's rows are taken over sooner, when their lease ends.
   */
  jobExpireSeconds: number;
  /**
   * Worker threads that sign batch credentials (ISSUER_SIGNING_THREADS), so the main thread
   * keeps answering HTTP while a cohort is signed; 0 signs on the main thread, between requests.
   */
  signingThreads: number;
}

export const defaultBatchSettings: IssuerBatchSettings = {
  leaseMs: 60_000,
  queueSchema: undefined,
  queuePollMs: 2_000,
  queueMaintenanceSeconds: 60,
  jobExpireSeconds: 6 * 3600,
  signingThreads: 1,
};

/**
 * The From of outgoing mail. Without a name of its own, each message shows the issuing
 * organisation's name with this address.
 */
export interface MailFrom {
  name: string | undefined;
  address: string;
}

export interface IssuerMailSettings {
  /** Wait between looks at the outbox when it had nothing due, ms. */
  pollMs: number;
  /** Messages one look takes at most (then it yields and looks again). */
  batchSize: number;
  /** How long a taken message is reserved for its worker, ms; after that another may retry it. */
  leaseMs: number;
  /** Wait after the first failed attempt, ms; it doubles each time, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts in all before a message is marked failed. */
  maxAttempts: number;
}

export const defaultMailSettings: IssuerMailSettings = {
  pollMs: 2_000,
  batchSize: 20,
  leaseMs: 5 * 60_000,
  retryBaseMs: 60_000,
  retryMaxMs: 6 * 60 * 60_000,
  maxAttempts: 8,
};

/** What `issuerConfig` takes: any field, and any part of the mail settings. */
export type IssuerConfigOverrides = Omit<Partial<IssuerConfig>, "mail" | "mailFrom" | "batches"> & {
  mail?: Partial<IssuerMailSettings>;
  batches?: Partial<IssuerBatchSettings>;
  /** `address` or `Name <address>` (MAIL_FROM), or both parts apart. */
  mailFrom?: string | MailFrom;
};

export interface IssuerLimits {
  /** Largest JSON request body, bytes. */
  jsonBodyBytes: number;
  /** Largest batch upload (CSV or JSON), bytes. */
  batchBodyBytes: number;
  /** Most rows in one batch. */
  batchRows: number;
  /** Rows claimed, signed and stored together (one transaction to claim, one to store). */
  batchChunkSize: number;
  /** Entries per status list (at least 131,072, a multiple of 8). */
  statusListLength: number;
  /** Lifetime of a claim offer, days. */
  claimOfferDays: number;
  /** Lifetime of a claim challenge, seconds. */
  claimChallengeSeconds: number;
  /** Requests per minute and client address on the public claim endpoints. */
  claimRequestsPerMinute: number;
}

export const defaultLimits: IssuerLimits = {
  jsonBodyBytes: 1024 * 1024,
  batchBodyBytes: 32 * 1024 * 1024,
  batchRows: 100_000,
  batchChunkSize: 200,
  statusListLength: 131_072,
  claimOfferDays: 30,
  claimChallengeSeconds: 600,
  claimRequestsPerMinute: 300,
};

function origin(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`[avala/issuer] ${name} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`[avala/issuer] ${name} must be an http(s) URL`);
  }
  if (url.pathname !== "/" || url.search || url.hash) {
    throw new TypeError(`[avala/issuer] ${name} must be an origin, without a path`);
  }
  return url.origin;
}

/** `$XDG_CONFIG_HOME/avala/issuer-master.key` (an absolute XDG_CONFIG_HOME), else `~/.config/…`. */
export function defaultMasterKeyFile(env: Record<string, string | undefined>): string {
  const xdg = optional(env["XDG_CONFIG_HOME"]);
  const base = xdg && isAbsolute(xdg) ? xdg : join(optional(env["HOME"]) ?? homedir(), ".config");
  return join(base, "avala", MASTER_KEY_FILE_NAME);
}

function optional(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** A yes/no variable: unset or empty → the default; otherwise true/false, 1/0, yes/no, on/off. */
function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  const text = optional(value)?.toLowerCase();
  if (text === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["0", "false", "no", "off"].includes(text)) return false;
  throw new TypeError(`[avala/issuer] ${name} must be true or false`);
}

/**
 * Reads MAIL_FROM: `address` or `Name <address>`; the address is one `local@domain` with no
 * spaces or angle brackets, the name has no line breaks or angle brackets.
 */
export function parseMailFrom(value: string | MailFrom): MailFrom {
  const text = typeof value === "string" ? value.trim() : "";
  const match =
    typeof value === "string"
      ? /^(?:([^<>\r\n"]{1,100}?)\s*<([^\s<>@]+@[^\s<>@]+)>|([^\s<>@]+@[^\s<>@]+))$/.exec(text)
      : null;
  const from: MailFrom | undefined =
    typeof value !== "string"
      ? value
      : match
        ? { name: match[1]?.trim() || undefined, address: (match[2] ?? match[3])! }
        : undefined;
  if (
    !from ||
    !/^[^\s<>@]+@[^\s<>@]+$/.test(from.address) ||
    from.address.length > 254 ||
    (from.name !== undefined && (/[<>\r\n"]/.test(from.name) || hasControlCharacters(from.name)))
  ) {
    throw new TypeError("[avala/issuer] MAIL_FROM must be an address or Name <address>");
  }
  return from;
}

/** Builds a configuration from defaults and overrides (what `startIssuer` and tests call). */
export function issuerConfig(overrides: IssuerConfigOverrides = {}): IssuerConfig {
  const port = overrides.port ?? 4100;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError("[avala/issuer] the port must be an integer from 0 to 65535");
  }
  const config: IssuerConfig = {
    port,
    publicUrl: origin(
      "ISSUER_PUBLIC_URL",
      overrides.publicUrl ?? `http://localhost:${port || 4100}`,
    ),
    walletPublicUrl: origin(
      "WALLET_PUBLIC_URL",
      overrides.walletPublicUrl ?? "http://localhost:4300",
    ),
    verifierPublicUrl: origin(
      "VERIFIER_PUBLIC_URL",
      overrides.verifierPublicUrl ?? "http://localhost:4200",
    ),
    dataDir: overrides.dataDir ?? "./data",
    databaseUrl: optional(overrides.databaseUrl),
    masterKey: optional(overrides.masterKey),
    masterKeyFile: optional(overrides.masterKeyFile),
    defaultMasterKeyFile: overrides.defaultMasterKeyFile ?? defaultMasterKeyFile(process.env),
    demoToken: optional(overrides.demoToken),
    platformAdminToken: optional(overrides.platformAdminToken),
    seedDemo: overrides.seedDemo,
    smtpUrl: optional(overrides.smtpUrl),
    mailFrom: parseMailFrom(
      overrides.mailFrom ??
        `no-reply@${new URL(overrides.publicUrl ?? `http://localhost:${port || 4100}`).hostname}`,
    ),
    mail: { ...defaultMailSettings, ...overrides.mail },
    batches: { ...defaultBatchSettings, ...overrides.batches },
    limits: { ...defaultLimits, ...overrides.limits },
  };
  if (config.masterKey !== undefined && Buffer.from(config.masterKey, "base64").length !== 32) {
    throw new TypeError("[avala/issuer] AVALA_MASTER_KEY must be the base64 of 32 bytes");
  }
  if (config.masterKey === undefined) {
    assertKeyFileOutsideDataDir(
      config.masterKeyFile ?? config.defaultMasterKeyFile,
      config.dataDir,
      "ISSUER_MASTER_KEY_FILE",
    );
  }
  for (const [name, token] of [
    ["AVALA_DEMO_TOKEN", config.demoToken],
    ["AVALA_PLATFORM_ADMIN_TOKEN", config.platformAdminToken],
  ] as const) {
    if (token !== undefined && (token.length < 16 || !/^[\x21-\x7e]+$/.test(token))) {
      throw new TypeError(`[avala/issuer] ${name} must be at least 16 printable characters`);
    }
  }
  if (config.smtpUrl !== undefined) parseSmtpUrl(config.smtpUrl);
  const mail = config.mail;
  if (
    !Object.values(mail).every((n) => Number.isInteger(n) && n >= 1) ||
    mail.retryMaxMs < mail.retryBaseMs
  ) {
    throw new TypeError(
      "[avala/issuer] the mail settings are positive integers (retryMaxMs ≥ retryBaseMs)",
    );
  }
  const { queueSchema, signingThreads, ...timings } = config.batches;
  if (
    !Object.values(timings).every((n) => Number.isInteger(n) && n >= 1) ||
    config.batches.queuePollMs < 500 ||
    !Number.isInteger(signingThreads) ||
    signingThreads < 0 ||
    signingThreads > 16
  ) {
    throw new TypeError(
      "[avala/issuer] the batch settings are positive integers (queuePollMs ≥ 500, signingThreads 0-16)",
    );
  }
  if (queueSchema !== undefined && !/^[a-z_][a-z0-9_]{0,49}$/.test(queueSchema)) {
    throw new TypeError(
      "[avala/issuer] ISSUER_QUEUE_SCHEMA must be a schema name: a-z, 0-9 and _, at most 50",
    );
  }
  const length = config.limits.statusListLength;
  if (!Number.isInteger(length) || length < 131_072 || length % 8 !== 0) {
    throw new TypeError(
      "[avala/issuer] a status list has at least 131,072 entries, a multiple of 8",
    );
  }
  return config;
}

/** Reads the configuration from the environment: the one place that does. */
export function readIssuerConfig(
  env: Record<string, string | undefined> = process.env,
): IssuerConfig {
  const portText = optional(env["ISSUER_PORT"]);
  const port = portText === undefined ? 4100 : Number(portText);
  if (!Number.isInteger(port)) throw new TypeError("[avala/issuer] ISSUER_PORT is not an integer");
  const overrides: IssuerConfigOverrides = { port };
  const publicUrl = optional(env["ISSUER_PUBLIC_URL"]);
  if (publicUrl) overrides.publicUrl = publicUrl;
  const walletPublicUrl = optional(env["WALLET_PUBLIC_URL"]);
  if (walletPublicUrl) overrides.walletPublicUrl = walletPublicUrl;
  const verifierPublicUrl = optional(env["VERIFIER_PUBLIC_URL"]);
  if (verifierPublicUrl) overrides.verifierPublicUrl = verifierPublicUrl;
  const dataDir = optional(env["AVALA_DATA_DIR"]);
  if (dataDir) overrides.dataDir = dataDir;
  overrides.databaseUrl = env["DATABASE_URL"];
  overrides.masterKey = env["AVALA_MASTER_KEY"];
  overrides.masterKeyFile = env["ISSUER_MASTER_KEY_FILE"];
  overrides.defaultMasterKeyFile = defaultMasterKeyFile(env);
  overrides.demoToken = env["AVALA_DEMO_TOKEN"];
  overrides.platformAdminToken = env["AVALA_PLATFORM_ADMIN_TOKEN"];
  overrides.smtpUrl = env["SMTP_URL"];
  const batches: Partial<IssuerBatchSettings> = {};
  const queueSchema = optional(env["ISSUER_QUEUE_SCHEMA"]);
  if (queueSchema) batches.queueSchema = queueSchema;
  const threads = optional(env["ISSUER_SIGNING_THREADS"]);
  if (threads !== undefined) {
    if (!/^\d{1,2}$/.test(threads)) {
      throw new TypeError("[avala/issuer] ISSUER_SIGNING_THREADS must be a number from 0 to 16");
    }
    batches.signingThreads = Number(threads);
  }
  overrides.batches = batches;
  const mailFrom = optional(env["MAIL_FROM"]);
  if (mailFrom) overrides.mailFrom = mailFrom;
  // Off unless asked for: a deployment must not come up with fake authorities and a demo token.
  overrides.seedDemo = flag("AVALA_SEED_DEMO", env["AVALA_SEED_DEMO"], false);
  return issuerConfig(overrides);
}
