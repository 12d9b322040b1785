import { createGuardedFetch, type GuardedFetch } from "@avala/guarded-fetch";

/**
 * The units a competence standard requires, read from the issuer's public catalogue when the
 * holder has unit credentials but not the qualification itself: a unit credential's alignment
 * to its standard (`ceterms:Credential`) points at the standard's achievement
 * (`…/orgs/<org>/achievements/EC0217.01`), whose `ceasn:Competency` alignments list the units.
 * Fetched through the guarded fetcher, short time-out, cached for an hour (failures for five
 * minutes), at most a few hundred standards.
 */
export interface StandardCatalogue {
  units(standardCode: string, url: string): Promise<string[] | undefined>;
}

export function createStandardCatalogue(options: {
  allowHosts: readonly string[];
  fetch?: GuardedFetch;
  now?: () => number;
}): StandardCatalogue {
  const fetcher =
    options.fetch ??
    createGuardedFetch({ allowHosts: options.allowHosts, timeoutMs: 3000, maxBytes: 256 * 1024 });
  const now = options.now ?? Date.now;
  const cache = new Map<string, { units: string[] | undefined; until: number }>();
  return {
    async units(standardCode, url) {
      const key = `${standardCode}\n${url}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.units;
      let units: string[] | undefined;
      try {
        units = unitsOf(await fetcher.fetchJson(url, { accept: "application/json" }), standardCode);
      } catch {
        units = undefined;
      }
      if (cache.size >= 500) cache.delete(cache.keys().next().value!);
      cache.set(key, { units, until: now() + (units ? 3_600_000 : 300_000) });
      return units;
    },
  };
}

/** The unit codes of a standard's achievement document, if it is the standard asked for. */
export function unitsOf(document: unknown, standardCode: string): string[] | undefined {
  if (!document || typeof document !== "object" || Array.isArray(document)) return undefined;
  const achievement = document as Record<string, unknown>;
  if (achievement["humanCode"] !== standardCode) return undefined;
  const alignments = Array.isArray(achievement["alignment"]) ? achievement["alignment"] : [];
  const units = alignments
    .filter(
      (a): a is Record<string, unknown> =>
        !!a &&
        typeof a === "object" &&
        (a as Record<string, unknown>)["targetType"] === "ceasn:Competency",
    )
    .map((a) => a["targetCode"])
    .filter((c): c is string => typeof c === "string" && c !== standardCode && c.length <= 100);
  return units.length > 0 && units.length <= 200 ? units : undefined;
}

/** Where a unit credential says its standard is described (the alignment's `targetUrl`). */
export function standardUrlOf(document: Record<string, unknown>, standardCode: string) {
  const subjects = Array.isArray(document["credentialSubject"])
    ? document["credentialSubject"]
    : [document["credentialSubject"]];
  const achievement = (subjects[0] as Record<string, unknown> | undefined)?.["achievement"];
  const alignments =
    achievement && typeof achievement === "object"
      ? (achievement as Record<string, unknown>)["alignment"]
      : undefined;
  for (const a of Array.isArray(alignments) ? alignments : []) {
    if (!a || typeof a !== "object") continue;
    const alignment = a as Record<string, unknown>;
    const url = alignment["targetUrl"];
    if (
      alignment["targetType"] === "ceterms:Credential" &&
      alignment["targetCode"] === standardCode &&
      typeof url === "string" &&
      /^https?:\/\/[^#]+$/.test(url)
    ) {
      return url;
    }
  }
  return undefined;
}
