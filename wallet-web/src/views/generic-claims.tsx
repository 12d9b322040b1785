import type { CredentialDescription } from "@avala/verifier";
import type { View } from "./view.js";

/**
 * What a credential that is not an Open Badge says: its claims as labelled lines
 * ("Degree › Name"), bounded by the verifier's description, and how many more there are.
 */
export function GenericClaims({ v, d }: { v: View; d: CredentialDescription }) {
  const generic = d.generic;
  if (!generic) return null;
  return (
    <>
      <h3 class="units-title claims-title">{v.t("generic.claims.title")}</h3>
      {generic.claims.length === 0 ? (
        <p class="muted small">{v.t("generic.claims.none")}</p>
      ) : (
        <dl class="facts claims" data-generic-claims>
          {generic.claims.map((line) => (
            <>
              <dt>{line.label}</dt>
              <dd>{line.value}</dd>
            </>
          ))}
        </dl>
      )}
      {generic.more > 0 ? (
        <p class="muted small">{v.t("generic.claims.more", { count: generic.more })}</p>
      ) : null}
    </>
  );
}
