import type { Hono } from "hono";
import type { WalletContext } from "../context.js";
import type { WalletEnv } from "../http/env.js";
import { field } from "../http/form.js";
import { claimOffer, fetchOffer, offerUrlOf } from "../services/claims.js";
import { importCredentials, importUrlOf, MAX_IMPORT_BYTES } from "../services/importing.js";
import { isOpenid4vciOffer } from "../services/openid4vci-client.js";
import { presentationRequestParams } from "../services/openid4vp-wallet.js";
import { decodeQrPng } from "../services/qr.js";
import {
  AddPage,
  ClaimConfirmPage,
  ClaimProblemPage,
  ReceiveResultPage,
} from "../views/receive.js";
import { viewOf } from "../views/view.js";
import { noticeOf } from "./holding.js";

/** Where an OpenID4VCI offer (pasted, scanned, opened) is shown: see routes/openid4vci.tsx. */
const openid4vciPage = (link: string) => `/openid4vci?offer=${encodeURIComponent(link.trim())}`;

/** Where an OpenID4VP request (a verifier asks for credentials) is shown: routes/presentation-request.tsx. */
const presentationRequestPage = (ctx: WalletContext, text: string) => {
  const params = presentationRequestParams(text, ctx.config.publicUrl);
  return params ? `/openid4vp?${params}` : undefined;
};

/** Receiving: claim an issuer's offer, import a file, pasted JSON or a link. */
export function receiveRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.get("/add", (c) => {
    const v = viewOf(c);
    return c.html(<AddPage v={v} notice={noticeOf(c, v)} />);
  });

  // The issuer's page links here: /claim?offer=<url-encoded offer URL>.
  app.get("/claim", async (c) => {
    const v = viewOf(c);
    const input = c.req.query("offer") ?? "";
    if (!input) return c.redirect("/add", 303);
    if (isOpenid4vciOffer(input)) return c.redirect(openid4vciPage(input), 303);
    const asked = presentationRequestPage(ctx, input);
    if (asked) return c.redirect(asked, 303);
    const read = await fetchOffer(ctx, input);
    if (!read.ok) return c.html(<ClaimProblemPage v={v} problem={read.problem} />, 400);
    return c.html(<ClaimConfirmPage v={v} offer={read.offer} account={c.get("account")} />);
  });

  app.post("/claim", async (c) => {
    const v = viewOf(c);
    const account = c.get("account")!;
    const form = c.get("form");
    const result = await claimOffer(ctx, account, field(form, "offer", 4096), {
      confirmedRecipient: field(form, "confirm-recipient", 10) === "yes",
    });
    if (!result.ok && result.problem === "confirm-recipient") {
      // An offer made for someone else is claimed only once the holder ticks the box.
      return c.html(
        <ClaimConfirmPage v={v} offer={result.offer} account={account} needsConfirmation />,
        422,
      );
    }
    if (!result.ok) {
      return c.html(
        <ClaimProblemPage v={v} problem={result.problem} detail={result.detail} />,
        result.problem === "bad-link" ? 400 : 409,
      );
    }
    const { outcome } = result;
    if (outcome.status === "added") {
      return c.redirect(`/credentials/${outcome.credential.public_id}?m=claimed`, 303);
    }
    return c.html(
      <ReceiveResultPage v={v} outcomes={[outcome]} title={v.t("wallet.claim.result")} />,
      outcome.status === "refused" ? 422 : 200,
    );
  });

  // A screenshot or photo of an issuer's QR code (PNG): read it, then continue as a link.
  app.post("/claim/qr", async (c) => {
    const file = c.get("form").get("qr");
    const bytes =
      file instanceof File && file.size <= MAX_IMPORT_BYTES
        ? new Uint8Array(await file.arrayBuffer())
        : undefined;
    const text = bytes ? decodeQrPng(bytes) : undefined;
    if (text && isOpenid4vciOffer(text)) return c.redirect(openid4vciPage(text), 303);
    const asked = text && presentationRequestPage(ctx, text);
    if (asked) return c.redirect(asked, 303);
    const offer = text ? offerUrlOf(text) : undefined;
    if (offer) return c.redirect(`/claim?offer=${encodeURIComponent(offer)}`, 303);
    const url = text ? importUrlOf(text) : undefined;
    if (url) {
      const v = viewOf(c);
      const account = c.get("account")!;
      const { outcomes } = await importCredentials(ctx, account, { url }, "qr", url);
      return c.html(
        <ReceiveResultPage v={v} outcomes={outcomes} title={v.t("wallet.import.result")} />,
      );
    }
    return c.redirect("/add?m=no-qr", 303);
  });

  // What the camera read on /add (scan.js): an offer goes to the claim, a link to a certificate
  // is imported like a pasted link, anything else is answered in plain words.
  app.post("/add/scan", async (c) => {
    const v = viewOf(c);
    const text = field(c.get("form"), "text", 16 * 1024 + 1);
    if (isOpenid4vciOffer(text)) return c.redirect(openid4vciPage(text), 303);
    const asked = presentationRequestPage(ctx, text);
    if (asked) return c.redirect(asked, 303);
    const offer = offerUrlOf(text);
    if (offer) return c.redirect(`/claim?offer=${encodeURIComponent(offer)}`, 303);
    const url = importUrlOf(text);
    if (!url) {
      return c.html(
        <AddPage v={v} notice={{ kind: "error", text: v.t("wallet.add.scan.unrecognised") }} />,
        422,
      );
    }
    const { outcomes } = await importCredentials(ctx, c.get("account")!, { url }, "qr", url);
    return c.html(
      <ReceiveResultPage v={v} outcomes={outcomes} title={v.t("wallet.import.result")} />,
      outcomes.every((o) => o.status === "refused") ? 422 : 200,
    );
  });

  app.post("/import/file", async (c) => {
    const v = viewOf(c);
    const account = c.get("account")!;
    const file = c.get("form").get("file");
    if (!(file instanceof File) || file.size === 0) return c.redirect("/add", 303);
    if (file.size > MAX_IMPORT_BYTES) {
      return c.html(
        <AddPage v={v} notice={{ kind: "error", text: v.t("wallet.import.too-large") }} />,
        413,
      );
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { outcomes } = await importCredentials(ctx, account, bytes, "file");
    return c.html(
      <ReceiveResultPage v={v} outcomes={outcomes} title={v.t("wallet.import.result")} />,
      outcomes.every((o) => o.status === "refused") ? 422 : 200,
    );
  });

  app.post("/import/paste", async (c) => {
    const v = viewOf(c);
    const account = c.get("account")!;
    const text = c.get("form").get("json");
    if (typeof text !== "string" || !text.trim()) return c.redirect("/add", 303);
    const { outcomes } = await importCredentials(ctx, account, text, "paste");
    return c.html(
      <ReceiveResultPage v={v} outcomes={outcomes} title={v.t("wallet.import.result")} />,
      outcomes.every((o) => o.status === "refused") ? 422 : 200,
    );
  });

  app.post("/import/url", async (c) => {
    const v = viewOf(c);
    const account = c.get("account")!;
    const input = field(c.get("form"), "url", 16 * 1024 + 1);
    if (isOpenid4vciOffer(input)) return c.redirect(openid4vciPage(input), 303);
    const asked = presentationRequestPage(ctx, input);
    if (asked) return c.redirect(asked, 303);
    const offer = offerUrlOf(input);
    if (offer) return c.redirect(`/claim?offer=${encodeURIComponent(offer)}`, 303);
    const url = importUrlOf(input);
    if (!url) {
      return c.html(
        <AddPage v={v} notice={{ kind: "error", text: v.t("wallet.import.bad-url") }} />,
        400,
      );
    }
    const { outcomes } = await importCredentials(ctx, account, { url }, "url", url);
    return c.html(
      <ReceiveResultPage v={v} outcomes={outcomes} title={v.t("wallet.import.result")} />,
      outcomes.every((o) => o.status === "refused") ? 422 : 200,
    );
  });
}
