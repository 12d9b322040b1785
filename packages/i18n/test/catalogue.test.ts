import { describe, expect, it } from "vitest";
import { catalogue, localize, negotiateLocale, t } from "../src/index.js";

describe("catalogue", () => {
  it("has every message in Spanish and English, non-empty and with the same placeholders", () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.es, key).toBeTruthy();
      expect(entry.en, key).toBeTruthy();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry.es), key).toEqual(names(entry.en));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(t("context.unknown", "en", { url: "https://x.example/c" })).toBe(
      "Unknown JSON-LD context: https://x.example/c.",
    );
    expect(localize("validity.expired", { date: "2020-01-01" }).es).toBe("Venció el 2020-01-01.");
    expect(t("context.unknown", "es")).toContain("{url}");
  });
});

describe("negotiateLocale", () => {
  it.each([
    [undefined, "es"],
    ["", "es"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR, en;q=0.5, es;q=0.8", "es"],
    ["de, fr", "es"],
    ["es-MX", "es"],
    ["en;q=0, es;q=0.1", "es"],
    ["*", "es"],
  ])("%s -> %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
