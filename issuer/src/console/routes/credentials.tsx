import type { Hono } from "hono";
import QRCode from "qrcode";
import type { IssuerContext } from "../../context.js";
import { findAchievementById } from "../../db/repositories/achievements.js";
import { findBatchById } from "../../db/repositories/batches.js";
import { latestOffer } from "../../db/repositories/claims.js";
import { findCredential, listStatusEvents } from "../../db/repositories/credentials.js";
import { findStaffOfOrganisation } from "../../db/repositories/staff.js";
import { problem } from "../../http/problems.js";
import { statusChangeSchema } from "../../http/schemas.js";
import { auditPage, recordAudit } from "../../services/audit.js";
import { achievementInputOf } from "../../services/catalogue.js";
import { renderIssuedCertificate } from "../../services/certificate.js";
import { claimUrl, createOffer } from "../../services/claims.js";
import { resendClaimMail } from "../../services/mail-outbox.js";
import { offerLinkByReference, txCodeFor } from "../../services/openid4vci.js";
import { type CredentialSearch, searchCredentials } from "../../services/search.js";
import { actorOf, roleAllows } from "../../services/staff.js";
import { changeCredentialStatus } from "../../services/status.js";
import {
  readReason,
  type StatusReason,
  statusReasons,
  storedReason,
} from "../../services/status-reasons.js";
import type { ConsoleEnv } from "../env.js";
import type { FormErrors } from "../form-errors.js";
import { notFound, orgOf, requireStaff, staffOf } from "../guards.js";
import { claimMailState } from "../mail.js";
import { field, viewOf } from "../view.js";
import {
  type ClaimView,
  CredentialPage,
  type HistoryEntry,
  SearchPage,
  type SearchValues,
  type StatusAction,
  StatusConfirmPage,
} from "../views/credentials.js";

const qrOptions = { errorCorrectionLevel: "M", margin: 2, type: "svg" } as const;
const searchFields = [
  "name",
  "email",
  "curp",
  "externalId",
  "achievementCode",
  "batch",
  "status",
] as const;
const actions = ["revoke", "suspend", "reinstate"] as const;

const notices = {
  issued: { kind: "ok", key: "console.notice.issued" },
  duplicate: { kind: "warn", key: "console.notice.duplicate" },
  revoke: { kind: "ok", key: "console.notice.revoked" },
  suspend: { kind: "ok", key: "console.notice.suspended" },
  reinstate: { kind: "ok", key: "console.notice.reinstated" },
  resent: { kind: "ok", key: "console.notice.resent" },
} as const;

/** Find and act: search, a credential's page with its history, status changes, resending. */
export function credentialRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const viewer = requireStaff("viewer");
  const operator = requireStaff("operator");

  // Links may name a batch, an achievement or a status (never a person: that is a POST).
  app.get("/credentials", viewer, async (c) => {
    const values: SearchValues = {};
    const batch = c.req.query("batch")?.slice(0, 64);
    const achievementCode = c.req.query("achievement")?.slice(0, 64);
    if (batch) values.batch = batch;
    if (achievementCode) values.achievementCode = achievementCode;
    const found = await searchCredentials(ctx, orgOf(c).id, {
      ...(batch ? { batch } : {}),
      ...(achievementCode ? { achievementCode } : {}),
    });
    return c.html(
      <SearchPage
        v={viewOf(c)}
        values={values}
        results={found.ok ? found.results : []}
        next={found.ok ? found.next : null}
        searched={Object.keys(values).length > 0}
      />,
    );
  });

  app.post("/credentials/search", viewer, async (c) => {
    const form = c.get("form");
    const values: SearchValues = {};
    for (const name of searchFields) {
      const value = field(form, name, 254);
      if (value) values[name] = value;
    }
    const before = Number.parseInt(field(form, "before", 15), 10);
    const status = ["active", "suspended", "revoked"].includes(values.status ?? "")
      ? (values.status as CredentialSearch["status"])
      : undefined;
    const found = await searchCredentials(ctx, orgOf(c).id, {
      ...(values.name ? { name: values.name } : {}),
      ...(values.email ? { email: values.email } : {}),
      ...(values.curp ? { curp: values.curp } : {}),
      ...(values.externalId ? { externalId: values.externalId } : {}),
      ...(values.achievementCode ? { achievementCode: values.achievementCode } : {}),
      ...(values.batch ? { batch: values.batch } : {}),
      ...(status ? { status } : {}),
      ...(Number.isSafeInteger(before) && before > 0 ? { before } : {}),
    });
    const errors: FormErrors = found.ok ? {} : { curp: found.code };
    return c.html(
      <SearchPage
        v={viewOf(c)}
        values={values}
        errors={errors}
        results={found.ok ? found.results : []}
        next={found.ok ? found.next : null}
        searched
      />,
      found.ok ? 200 : 422,
    );
  });

  app.get("/credentials/:id", viewer, async (c) => {
    const org = orgOf(c);
    const row = await findCredential(ctx.db, org.id, c.req.param("id"));
    if (!row) throw notFound(c);
    const locale = c.get("locale");
    const achievementRow = row.achievement_id
      ? await findAchievementById(ctx.db, row.achievement_id)
      : undefined;
    const offer = await latestOffer(ctx.db, row.id);
    let claim: ClaimView | undefined;
    // The claim link, its QR codes and the PIN are the key to the credential: only staff who
    // may issue get them in the page at all.
    const mayHandOut = roleAllows(staffOf(c).role, "operator");
    if (offer) {
      const url = mayHandOut ? claimUrl(ctx, offer.offer_id) : "";
      claim = {
        url,
        qrSvg: mayHandOut ? await QRCode.toString(url, qrOptions) : "",
        state: offer.claimed_at
          ? "claimed"
          : offer.expires_at <= ctx.now().toISOString()
            ? "expired"
            : "open",
        expiresAt: offer.expires_at,
        claimedAt: offer.claimed_at,
        ...(mayHandOut
          ? {
              otherWallet: {
                link: offerLinkByReference(ctx, org.slug, offer.offer_id),
                qrSvg: await QRCode.toString(
                  offerLinkByReference(ctx, org.slug, offer.offer_id),
                  qrOptions,
                ),
                pin: await txCodeFor(ctx, offer),
              },
            }
          : {}),
      };
    }
    const v = viewOf(c);
    const history: HistoryEntry[] = [];
    for (const e of await listStatusEvents(ctx.db, row.id)) {
      history.push({
        at: e.created_at,
        text: `${v.t(`console.history.${e.action}`)}: ${readReason(e.reason, locale)}${
          e.public_reason === 1 ? ` (${v.t("console.reason.published")})` : ""
        }`,
        by: e.actor_label,
      });
    }
    const audit = await auditPage(ctx.db, org.id, { subject: row.public_id, limit: 100 });
    for (const e of audit.events) {
      if (e.action === "credential.issue" || e.action === "credential.resend") {
        history.push({
          at: e.at,
          text: v.t(
            e.action === "credential.issue" ? "console.history.issue" : "console.history.resend",
          ),
          by: e.actorLabel,
        });
      }
    }
    const batch = row.batch_id ? await findBatchById(ctx.db, row.batch_id) : undefined;
    if (!history.some((h) => h.text === v.t("console.history.issue"))) {
      // Issued with a cohort (by whoever uploaded it) or through the API.
      const uploader = batch
        ? await findStaffOfOrganisation(ctx.db, org.id, batch.created_by)
        : undefined;
      history.push({
        at: row.issued_at,
        text: v.t(batch ? "console.history.issue-batch" : "console.history.issue"),
        by: uploader ? actorOf(uploader).label : "API",
      });
    }
    history.sort((a, b) => a.at.localeCompare(b.at));
    const m = c.req.query("m") as keyof typeof notices | undefined;
    const notice = m && Object.hasOwn(notices, m) ? notices[m] : undefined;
    return c.html(
      <CredentialPage
        v={v}
        credential={row}
        achievement={
          achievementRow
            ? await achievementInputOf(ctx.config, ctx.db, org, achievementRow)
            : undefined
        }
        issuerName={org.name_es}
        image={achievementRow?.image_url ?? null}
        claim={claim}
        mail={await claimMailState(ctx, row)}
        history={history}
        batch={batch?.public_id ?? null}
        notice={notice ? { kind: notice.kind, text: v.t(notice.key) } : undefined}
      />,
    );
  });

  // The bilingual PDF certificate, the signed credential inside (the verifier reads it).
  app.get("/credentials/:id/certificate.pdf", viewer, async (c) => {
    const row = await findCredential(ctx.db, orgOf(c).id, c.req.param("id"));
    if (!row) throw notFound(c);
    if (row.status !== "active") {
      throw problem(c.get("locale"), 409, "console.certificate.not-active");
    }
    const { pdf, fileName } = await renderIssuedCertificate(ctx, row);
    c.header("Content-Type", "application/pdf");
    c.header("Content-Disposition", `attachment; filename="${fileName}"`);
    c.header("Cache-Control", "no-store");
    return c.body(pdf);
  });

  app.get("/credentials/:id/status", operator, async (c) => {
    const row = await findCredential(ctx.db, orgOf(c).id, c.req.param("id"));
    if (!row) throw notFound(c);
    const action = c.req.query("action");
    if (!(actions as readonly string[]).includes(action ?? "")) throw notFound(c);
    // Revocation is final: nothing left to confirm.
    if (row.status === "revoked") return c.redirect(`/console/credentials/${row.public_id}`, 303);
    return c.html(
      <StatusConfirmPage v={viewOf(c)} credential={row} action={action as StatusAction} />,
    );
  });

  app.post("/credentials/:id/status", operator, async (c) => {
    const org = orgOf(c);
    const staff = staffOf(c);
    const id = c.req.param("id");
    const row = await findCredential(ctx.db, org.id, id);
    if (!row) throw notFound(c);
    const form = c.get("form");
    const action = field(form, "action", 20);
    if (!(actions as readonly string[]).includes(action)) throw notFound(c);
    const reason = field(form, "reason", 40);
    const text = field(form, "text", 400);
    // Off unless ticked; a reinstatement's reason is never published.
    const publicReason = action !== "reinstate" && field(form, "publicReason", 5) === "yes";
    if (!(statusReasons as readonly string[]).includes(reason)) {
      return c.html(
        <StatusConfirmPage
          v={viewOf(c)}
          credential={row}
          action={action as StatusAction}
          text={text}
          publicReason={publicReason}
          errors={{ reason: "console.reason.required" }}
        />,
        422,
      );
    }
    // The API's own schema and service: the same rules, the same history.
    const change = statusChangeSchema.parse({
      action,
      reason: storedReason(reason as StatusReason, text),
      publicReason,
    });
    const outcome = await changeCredentialStatus(ctx, org, id, {
      action: change.action,
      reason: change.reason,
      actor: staff.public_id,
      actorLabel: actorOf(staff).label,
      publicReason: change.publicReason === true,
    });
    if (!outcome.ok) {
      if (outcome.status === 404) throw notFound(c);
      const v = viewOf(c);
      return c.html(
        <StatusConfirmPage
          v={v}
          credential={row}
          action={action as StatusAction}
          reason={reason}
          text={text}
          publicReason={publicReason}
          errors={{ reason: outcome.code }}
        />,
        409,
      );
    }
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staff),
        action: `credential.${change.action}`,
        subject: row.public_id,
        details: {
          reason: change.reason,
          from: outcome.previous,
          to: outcome.status,
          publicReason: change.publicReason === true,
        },
      },
      ctx.now(),
    );
    return c.redirect(`/console/credentials/${row.public_id}?m=${change.action}`, 303);
  });

  app.post("/credentials/:id/resend", operator, async (c) => {
    const org = orgOf(c);
    const staff = staffOf(c);
    const row = await findCredential(ctx.db, org.id, c.req.param("id"));
    if (!row) throw notFound(c);
    const locale = c.get("locale");
    if (row.status === "revoked") throw conflict(locale, "issuer.claim.revoked");
    const previous = await latestOffer(ctx.db, row.id);
    if (previous?.claimed_at) throw conflict(locale, "issuer.claim.claimed");
    if (row.learner_email) {
      // The outbox's resend (as the API's): the open offer again, or a new one if it expired.
      const outcome = await resendClaimMail(ctx, org, row.public_id);
      if (!outcome.ok) throw problem(locale, outcome.status, outcome.code);
    } else {
      // Nobody to write to: a fresh link to pass on by hand (as POST /credentials/:id/offer).
      await createOffer(ctx, ctx.db, row);
    }
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staff),
        action: "credential.resend",
        subject: row.public_id,
      },
      ctx.now(),
    );
    return c.redirect(`/console/credentials/${row.public_id}?m=resent`, 303);
  });
}

function conflict(locale: "es" | "en", code: "issuer.claim.revoked" | "issuer.claim.claimed") {
  return problem(locale, 409, code);
}
