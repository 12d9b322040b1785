import type { LocalizedText, MessageKey } from "@avala/i18n";
import { describeCredential } from "@avala/verifier";
import { assetUrl } from "../assets.js";
import { isForSomeoneElse, type Offer, type OfferProblem } from "../services/claims.js";
import { uncheckedFormat } from "../services/generic.js";
import type { ReceiveOutcome } from "../services/holding.js";
import { ChecksList, kindLine, VerdictBanner } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { formatDate, type View } from "./view.js";

type Notice = { kind: "ok" | "warn" | "error"; text: string } | undefined;

export function AddPage({ v, notice }: { v: View; notice?: Notice }) {
  return (
    <Layout v={v} title={v.t("wallet.add.title")} nav="add" notice={notice}>
      <h1>{v.t("wallet.add.title")}</h1>
      <p class="muted">{v.t("wallet.add.lead")}</p>
      <ScanSection v={v} />
      <div class="tabs-grid">
        <section class="card" aria-labelledby="claim-title">
          <h2 id="claim-title">{v.t("wallet.add.claim.title")}</h2>
          <p class="muted small">{v.t("wallet.add.claim.text")}</p>
          <form method="get" action="/claim">
            <div class="field">
              <label for="offer">{v.t("wallet.add.claim.link")}</label>
              <input
                type="url"
                id="offer"
                name="offer"
                required
                placeholder="https://…/claims/…"
                inputmode="url"
              />
            </div>
            <button type="submit">{v.t("wallet.add.claim.submit")}</button>
          </form>
          <PostForm v={v} action="/claim/qr" multipart>
            <div class="field">
              <label for="qr">
                {v.t("wallet.add.qr.label")}
                <span class="hint">{v.t("wallet.add.qr.hint")}</span>
              </label>
              <input type="file" id="qr" name="qr" accept="image/png" required />
            </div>
            <button type="submit" class="secondary">
              {v.t("wallet.add.qr.submit")}
            </button>
          </PostForm>
        </section>

        <section class="card" aria-labelledby="file-title">
          <h2 id="file-title">{v.t("wallet.add.file.title")}</h2>
          <p class="muted small">{v.t("wallet.add.file.text")}</p>
          <PostForm v={v} action="/import/file" multipart>
            <div class="field">
              <label for="file">{v.t("wallet.add.file.label")}</label>
              <input
                type="file"
                id="file"
                name="file"
                accept=".json,.jsonld,.jwt,application/json,application/ld+json,application/vc+jwt,image/png,image/svg+xml,.svg,.png"
                required
              />
            </div>
            <button type="submit">{v.t("wallet.add.file.submit")}</button>
          </PostForm>
        </section>

        <section class="card" aria-labelledby="url-title">
          <h2 id="url-title">{v.t("wallet.add.url.title")}</h2>
          <p class="muted small">{v.t("wallet.add.url.text")}</p>
          <PostForm v={v} action="/import/url">
            <div class="field">
              <label for="url">{v.t("wallet.add.url.label")}</label>
              <input
                type="url"
                id="url"
                name="url"
                required
                inputmode="url"
                placeholder="https://…"
              />
            </div>
            <button type="submit">{v.t("wallet.add.url.submit")}</button>
          </PostForm>
        </section>

        <section class="card" aria-labelledby="paste-title">
          <h2 id="paste-title">{v.t("wallet.add.paste.title")}</h2>
          <PostForm v={v} action="/import/paste">
            <div class="field">
              <label for="json">{v.t("wallet.add.paste.label")}</label>
              <textarea id="json" name="json" required spellcheck={false} />
            </div>
            <button type="submit">{v.t("wallet.add.paste.submit")}</button>
          </PostForm>
        </section>
      </div>
    </Layout>
  );
}

/**
 * "Scan with the camera": shown by `scan.js` when the browser has a camera API; what it reads
 * is posted to /add/scan with this section's form (and its CSRF token).
 */
function ScanSection({ v }: { v: View }) {
  return (
    <section
      class="card scan"
      id="scan"
      aria-labelledby="scan-title"
      hidden
      data-jsqr={assetUrl("jsqr.js")}
      data-looking={v.t("wallet.add.scan.looking")}
      data-found={v.t("wallet.add.scan.found")}
      data-unavailable={v.t("wallet.add.scan.unavailable")}
    >
      <h2 id="scan-title">{v.t("wallet.add.scan.title")}</h2>
      <p class="muted small">{v.t("wallet.add.scan.text")}</p>
      <div class="row">
        <button type="button" id="scan-start">
          {v.t("wallet.add.scan.start")}
        </button>
        <button type="button" id="scan-stop" class="secondary" hidden>
          {v.t("wallet.add.scan.stop")}
        </button>
      </div>
      <video id="scan-video" playsinline muted hidden aria-label={v.t("wallet.add.scan.video")} />
      <canvas id="scan-canvas" hidden />
      <p id="scan-status" class="small muted" role="status" />
      <PostForm v={v} action="/add/scan" id="scan-form">
        <input type="hidden" name="text" id="scan-text" />
      </PostForm>
      <script src={assetUrl("scan.js")} defer />
    </section>
  );
}

/** A person as the page names them: "Name (e-mail)", or whichever of the two is known. */
function personText(person: { name?: string | undefined; email?: string | undefined }): string {
  if (person.name && person.email) return `${person.name} (${person.email})`;
  return person.name ?? person.email ?? "";
}

export function ClaimConfirmPage({
  v,
  offer,
  account,
  needsConfirmation,
}: {
  v: View;
  offer: Offer;
  account?: { email: string; display_name: string } | undefined;
  /** The holder tried to accept an offer for someone else without confirming: say so. */
  needsConfirmation?: boolean;
}) {
  const host = new URL(offer.url).host;
  const recipient = offer.recipient;
  const someoneElse = isForSomeoneElse(offer, account);
  return (
    <Layout
      v={v}
      title={v.t("wallet.claim.title")}
      nav="add"
      notice={
        needsConfirmation
          ? { kind: "error", text: v.t("wallet.claim.recipient.confirm-needed") }
          : undefined
      }
    >
      <div class="narrow card">
        <h1>{v.t("wallet.claim.title")}</h1>
        <p class="muted">{v.t("wallet.claim.lead", { issuer: offer.issuer.name })}</p>
        {someoneElse && recipient && account ? (
          <p class="notice notice-warn" role="alert" id="recipient-mismatch">
            {v.t("wallet.claim.recipient.mismatch", {
              recipient: personText(recipient),
              account: personText({ name: account.display_name, email: account.email }),
            })}
          </p>
        ) : null}
        <dl class="facts">
          {recipient ? (
            <>
              <dt>{v.t("wallet.claim.recipient")}</dt>
              <dd id="recipient">
                {recipient.name ? <strong>{recipient.name}</strong> : null}
                {recipient.name && recipient.email ? " · " : ""}
                {recipient.email ?? ""}
              </dd>
            </>
          ) : null}
          <dt>{v.t("wallet.claim.achievement")}</dt>
          <dd>
            <strong>{offer.achievement.name}</strong>
            {offer.achievement.code ? ` (${offer.achievement.code})` : ""}
          </dd>
          <dt>{v.t("wallet.claim.issuer")}</dt>
          <dd>{offer.issuer.name}</dd>
          <dt>{v.t("wallet.claim.from")}</dt>
          <dd>
            <code>{host}</code>
          </dd>
          {offer.expiresAt ? (
            <>
              <dt>{v.t("wallet.claim.expires")}</dt>
              <dd>{formatDate(offer.expiresAt, v.locale)}</dd>
            </>
          ) : null}
        </dl>
        <p class="small muted">{v.t("wallet.claim.explain")}</p>
        <PostForm v={v} action="/claim">
          <input type="hidden" name="offer" value={offer.url} />
          {someoneElse ? (
            <div class="field">
              <label class="check" for="confirm-recipient">
                <input
                  type="checkbox"
                  id="confirm-recipient"
                  name="confirm-recipient"
                  value="yes"
                  required
                  aria-invalid={needsConfirmation ? "true" : undefined}
                />
                <span>{v.t("wallet.claim.recipient.confirm")}</span>
              </label>
            </div>
          ) : null}
          <div class="row">
            <button type="submit">{v.t("wallet.claim.accept")}</button>
            <a class="button secondary" href="/credentials">
              {v.t("wallet.claim.cancel")}
            </a>
          </div>
        </PostForm>
      </div>
    </Layout>
  );
}

const problemKeys: Record<OfferProblem, MessageKey> = {
  "bad-link": "wallet.claim.problem.bad-link",
  "not-found": "wallet.claim.problem.not-found",
  claimed: "wallet.claim.problem.claimed",
  expired: "wallet.claim.problem.expired",
  "not-allowed": "wallet.claim.problem.not-allowed",
  unreachable: "wallet.claim.problem.unreachable",
  invalid: "wallet.claim.problem.invalid",
  refused: "wallet.claim.problem.refused",
};

export function ClaimProblemPage(props: {
  v: View;
  problem: OfferProblem;
  detail?: LocalizedText | undefined;
}) {
  const { v } = props;
  return (
    <Layout v={v} title={v.t("wallet.claim.problem.title")} nav="add">
      <div class="narrow card">
        <h1>{v.t("wallet.claim.problem.title")}</h1>
        <p class="notice notice-error" role="alert">
          {v.t(problemKeys[props.problem])}
        </p>
        {props.detail ? <p class="small muted">{props.detail[v.locale]}</p> : null}
        <div class="row">
          <a class="button" href="/credentials">
            {v.t("wallet.claim.problem.to-wallet")}
          </a>
          <a class="button secondary" href="/add">
            {v.t("wallet.claim.problem.other")}
          </a>
        </div>
      </div>
    </Layout>
  );
}

/** What became of each credential of an import or a claim. */
export function ReceiveResultPage(props: { v: View; outcomes: ReceiveOutcome[]; title: string }) {
  const { v, outcomes } = props;
  return (
    <Layout v={v} title={props.title} nav="add">
      <h1>{props.title}</h1>
      {outcomes.map((outcome) => {
        const description = outcome.verification.document
          ? describeCredential(
              outcome.verification.document,
              v.locale,
              outcome.verification.kind === "credential" ? outcome.verification.trust : undefined,
            )
          : undefined;
        return (
          <section class="card">
            {outcome.status === "added" && uncheckedFormat(outcome.verification) ? (
              <p class="notice notice-warn">{v.t("wallet.generic.added-unchecked")}</p>
            ) : outcome.status === "added" ? (
              <p class="notice notice-ok">{v.t("wallet.receive.added")}</p>
            ) : outcome.status === "duplicate" ? (
              <p class="notice notice-warn">{v.t("wallet.receive.duplicate")}</p>
            ) : (
              <p class="notice notice-error" role="alert">
                {v.t("wallet.receive.refused")}
              </p>
            )}
            {description ? (
              <>
                <h2>{description.achievement.name}</h2>
                <p class="meta">{kindLine(description)}</p>
                <p class="meta">{description.issuer.name}</p>
              </>
            ) : null}
            {outcome.status === "refused" ? (
              <>
                <h3>{v.t("wallet.receive.reasons")}</h3>
                <ChecksList v={v} checks={outcome.reasons} />
              </>
            ) : (
              <>
                <VerdictBanner v={v} verification={outcome.verification} />
                {outcome.verification.kind === "credential" &&
                outcome.verification.trust?.status === "unknown" ? (
                  <p class="notice notice-warn">{v.t("wallet.detail.unknown-issuer")}</p>
                ) : null}
                <a class="button" href={`/credentials/${outcome.credential.public_id}`}>
                  {v.t("wallet.receive.open")}
                </a>
              </>
            )}
          </section>
        );
      })}
      <div class="row">
        <a class="button secondary" href="/credentials">
          {v.t("wallet.claim.problem.to-wallet")}
        </a>
        <a class="button secondary" href="/add">
          {v.t("wallet.receive.add-another")}
        </a>
      </div>
    </Layout>
  );
}
