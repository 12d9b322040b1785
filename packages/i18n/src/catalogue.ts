import type { Locale, LocalizedText } from "./locale.js";
import { checkMessages } from "./messages/checks.js";
import { consoleMessages } from "./messages/console.js";
import { creditMessages } from "./messages/credit.js";
import { genericMessages } from "./messages/generic.js";
import { httpMessages } from "./messages/http.js";
import { issuerMessages } from "./messages/issuer.js";
import { mailMessages } from "./messages/mail.js";
import { openid4vpMessages } from "./messages/openid4vp.js";
import { recognitionMessages } from "./messages/recognition.js";
import { verifierMessages } from "./messages/verifier.js";
import { walletMessages } from "./messages/wallet.js";
import { walletOb3ApiMessages } from "./messages/wallet-ob3-api.js";
import { walletOpenid4vciMessages } from "./messages/wallet-openid4vci.js";
import { walletOpenid4vpMessages } from "./messages/wallet-openid4vp.js";

/**
 * The one message catalogue. Each area keeps its messages in its own file under messages/ so
 * that they are easy to find; they are merged here and looked up by key.
 */
export const catalogue = {
  ...checkMessages,
  ...httpMessages,
  ...verifierMessages,
  ...openid4vpMessages,
  ...issuerMessages,
  ...walletMessages,
  ...walletOb3ApiMessages,
  ...walletOpenid4vciMessages,
  ...walletOpenid4vpMessages,
  ...mailMessages,
  ...consoleMessages,
  ...creditMessages,
  ...recognitionMessages,
  ...genericMessages,
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof catalogue;
export type MessageParams = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, locale: Locale, params?: MessageParams): string {
  return interpolate(catalogue[key][locale], params);
}

/** The message for `key` in every locale. */
export function localize(key: MessageKey, params?: MessageParams): LocalizedText {
  const entry = catalogue[key];
  return { es: interpolate(entry.es, params), en: interpolate(entry.en, params) };
}
