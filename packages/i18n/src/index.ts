export type { MessageKey, MessageParams } from "./catalogue.js";
export { catalogue, isMessageKey, localize, t } from "./catalogue.js";
export type { Locale, LocalizedText } from "./locale.js";
export { defaultLocale, isLocale, locales, negotiateLocale } from "./locale.js";
