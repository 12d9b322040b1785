import { renderCertificatePdf } from "@avala/certificate-pdf";
import type { JsonObject } from "@avala/credentials";
import { identifierMatches } from "@avala/credentials";
import type { MessageKey } from "@avala/i18n";
import {
  describeCredential,
  isOb2Assertion,
  matchRecipient,
  type Verification,
} from "@avala/verifier";
import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import {
  type Account,
  deleteCredential,
  findCredential,
  listCredentials,
  type StoredCredential,
} from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";
import { walletProblem } from "../http/problems.js";
import { certificateInputOf } from "../services/certificate.js";
import { compactQrTextOf } from "../services/compact.js";
import {
  credentialFileOf,
  documentOf,
  reverify,
  reverifyAll,
  statusWord,
} from "../services/holding.js";
import { publicPageOf } from "../services/public-pages.js";
import { qrSvg } from "../services/qr.js";
import { stackingProgress, withKnownUnits } from "../services/stacking.js";
import { withStandardVersions } from "../services/standard-versions.js";
import { standardUrlOf } from "../services/standards.js";
import { inlineImage } from "../views/components.js";
import {
  CredentialDetailPage,
  type CredentialItem,
  CredentialListPage,
} from "../views/credentials.js";
import { type View, viewOf } from "../views/view.js";

/** A notice named by `?m=`, only from this list (never text from the URL). */
const notices: Record<string, { kind: "ok" | "warn" | "error"; key: MessageKey }> = {
  welcome: { kind: "ok", key: "wallet.notice.welcome" },
  claimed: { kind: "ok", key: "wallet.notice.claimed" },
  deleted: { kind: "ok", key: "wallet.notice.deleted" },
  created: { kind: "ok", key: "wallet.notice.share-created" },
  revoked: { kind: "ok", key: "wallet.notice.share-revoked" },
  "page-published": { kind: "ok", key: "wallet.notice.page-published" },
  "page-withdrawn": { kind: "ok", key: "wallet.notice.page-withdrawn" },
  "not-found": { kind: "error", key: "wallet.notice.not-found" },
  "no-qr": { kind: "error", key: "wallet.notice.no-qr" },
};

export function noticeOf(c: Context<WalletEnv>, v: View) {
  const entry = notices[c.req.query("m") ?? ""];
  return entry ? { kind: entry.kind, text: v.t(entry.key) } : undefined;
}

export function itemOf(
  row: StoredCredential,
  verification: Verification,
  locale: View["locale"],
): CredentialItem {
  const document = verification.document ?? documentOf(row);
  const description = describeCredential(
    document,
    locale,
    verification.kind === "credential" ? verification.trust : undefined,
  );
  const item: CredentialItem = {
    row,
    description,
    word: statusWord(verification),
    image: inlineImage(document),
  };
  if (verification.kind === "credential" && verification.ob2) {
    item.assurance = verification.ob2.assuranceText[locale];
  }
  return item;
}

/** Items for the account's credentials, each verified again (briefly cached). */
export async function itemsOf(
  ctx: WalletContext,
  rows: StoredCredential[],
  locale: View["locale"],
) {
  const verifications = await reverifyAll(ctx, rows);
  return rows.map((row) => itemOf(row, verifications.get(row.id)!, locale));
}

/** Who the credential names: this wallet's DID, one of the account's identifiers, or someone else. */
function boundTo(document: JsonObject, account: Account) {
  // An Open Badges 2.0 badge names its recipient by a (usually hashed) e-mail address.
  if (isOb2Assertion(document)) {
    return matchRecipient(document["recipient"], account.email) === "match"
      ? ("identifiers" as const)
      : ("unknown" as const);
  }
  const subjects = Array.isArray(document["credentialSubject"])
    ? document["credentialSubject"]
    : [document["credentialSubject"]];
  const subject = (subjects[0] ?? {}) as JsonObject;
  if (subject["id"] === account.holder_did) return "you" as const;
  const identifiers = Array.isArray(subject["identifier"]) ? subject["identifier"] : [];
  for (const identity of identifiers) {
    if (identity && typeof identity === "object") {
      try {
        if (identifierMatches(identity as never, "email", account.email))
          return "identifiers" as const;
      } catch {
        // not a well-formed identity object
      }
    }
  }
  if (typeof subject["id"] === "string") return "someone-else" as const;
  return "unknown" as const;
}

export function holdingRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.get("/credentials", async (c) => {
    const account = c.get("account")!;
    const v = viewOf(c);
    const rows = await listCredentials(ctx.db, account.id);
    const items = await itemsOf(ctx, rows, v.locale);
    const held = items.filter((i) => i.word !== "revoked" && i.word !== "invalid");
    let stacks = stackingProgress(
      held.map((i) => ({
        kind: i.description.achievement.kind,
        name: i.description.achievement.name,
        units: i.description.units,
        ...(i.description.achievement.code ? { code: i.description.achievement.code } : {}),
        ...(i.description.standard ? { standard: i.description.standard } : {}),
      })),
    );
    // Standards whose units no held credential lists: ask the issuer's public catalogue.
    const known = new Map<string, string[]>();
    await Promise.all(
      stacks
        .filter((s) => !s.required)
        .map(async (stack) => {
          for (const item of held) {
            if (item.description.standard?.code !== stack.code) continue;
            const url = standardUrlOf(documentOf(item.row), stack.code);
            const units = url ? await ctx.standards.units(stack.code, url) : undefined;
            if (units) {
              known.set(stack.code, units);
              return;
            }
          }
        }),
    );
    stacks = withKnownUnits(stacks, known);
    // A standard replaced by a newer version, or expired: only what the current one accepts.
    stacks = await withStandardVersions(
      ctx,
      stacks,
      held.map((i) => documentOf(i.row)),
    );
    return c.html(
      <CredentialListPage v={v} items={items} stacks={stacks} notice={noticeOf(c, v)} />,
    );
  });

  app.get("/credentials/:id", async (c) => {
    const account = c.get("account")!;
    const row = await findCredential(ctx.db, account.id, c.req.param("id"));
    if (!row) throw walletProblem(404, "wallet.problem.not-found");
    const v = viewOf(c);
    const verification = await reverify(ctx, row);
    const item = itemOf(row, verification, v.locale);
    return c.html(
      <CredentialDetailPage
        v={v}
        row={row}
        description={item.description}
        verification={verification}
        image={item.image}
        boundTo={boundTo(documentOf(row), account)}
        notice={noticeOf(c, v)}
        publicPage={await publicPageOf(ctx, account.id, row.id)}
      />,
    );
  });

  app.get("/credentials/:id/download", async (c) => {
    const account = c.get("account")!;
    const row = await findCredential(ctx.db, account.id, c.req.param("id"));
    if (!row) throw walletProblem(404, "wallet.problem.not-found");
    const code = describeCredential(documentOf(row), "es").achievement.code ?? "credential";
    // As held: JSON-LD, or the compact JWT (its signature covers those bytes only).
    const file = credentialFileOf(row);
    const name = `${code.replace(/[^\w.-]+/g, "_").slice(0, 60)}.${file.extension}`;
    c.header("Content-Disposition", `attachment; filename="${name}"`);
    c.header("Content-Type", file.contentType);
    return c.body(file.body);
  });

  // A bilingual PDF certificate with the credential, as held, attached (the verifier reads it).
  app.get("/credentials/:id/certificate.pdf", async (c) => {
    const account = c.get("account")!;
    const row = await findCredential(ctx.db, account.id, c.req.param("id"));
    if (!row) throw walletProblem(404, "wallet.problem.not-found");
    const verification = await reverify(ctx, row);
    const compactQr = await compactQrTextOf(row);
    const verifyUrl = `${ctx.config.verifierPublicUrl}/`;
    const input = certificateInputOf(row, verification, verifyUrl, compactQr);
    const pdf = await renderCertificatePdf(input);
    const code = input.content.achievement.standard ?? "certificado";
    const name = `${code.replace(/[^\w.-]+/g, "_").slice(0, 60)}.pdf`;
    c.header("Content-Disposition", `attachment; filename="${name}"`);
    c.header("Content-Type", "application/pdf");
    return c.body(pdf);
  });

  // The compact QR edition's code (print page): verifies without going online for the credential.
  app.get("/credentials/:id/compact-qr.svg", async (c) => {
    const account = c.get("account")!;
    const row = await findCredential(ctx.db, account.id, c.req.param("id"));
    const text = row ? await compactQrTextOf(row) : undefined;
    if (!text) throw walletProblem(404, "wallet.problem.not-found");
    c.header("Content-Type", "image/svg+xml");
    c.header("Cache-Control", "private, max-age=300");
    return c.body(await qrSvg(text));
  });

  app.post("/credentials/:id/delete", async (c) => {
    const account = c.get("account")!;
    const row = await findCredential(ctx.db, account.id, c.req.param("id"));
    if (!row) throw walletProblem(404, "wallet.problem.not-found");
    await deleteCredential(ctx.db, account.id, row.public_id);
    ctx.verificationCache.delete(String(row.id));
    return c.redirect("/credentials?m=deleted", 303);
  });
}
