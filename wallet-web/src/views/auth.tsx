import type { MessageKey } from "@avala/i18n";
import type { FieldErrors } from "../services/accounts.js";
import { TextField } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import type { View } from "./view.js";

type Notice = { kind: "ok" | "warn" | "error"; text: string } | undefined;

export function LandingPage({ v, notice }: { v: View; notice?: Notice }) {
  return (
    <Layout v={v} title={v.t("wallet.landing.title")} notice={notice}>
      <section class="landing">
        <h1>{v.t("wallet.landing.title")}</h1>
        <p class="muted">{v.t("wallet.landing.lead")}</p>
        <div class="row">
          <a class="button" href="/signup">
            {v.t("wallet.signup.action")}
          </a>
          <a class="button secondary" href="/signin">
            {v.t("wallet.signin.action")}
          </a>
        </div>
        <ul class="features">
          <li>
            <h3>{v.t("wallet.landing.receive.title")}</h3>
            <p class="muted small">{v.t("wallet.landing.receive.text")}</p>
          </li>
          <li>
            <h3>{v.t("wallet.landing.hold.title")}</h3>
            <p class="muted small">{v.t("wallet.landing.hold.text")}</p>
          </li>
          <li>
            <h3>{v.t("wallet.landing.share.title")}</h3>
            <p class="muted small">{v.t("wallet.landing.share.text")}</p>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export function SignUpPage(props: {
  v: View;
  next: string;
  values?: { name: string; email: string };
  errors?: FieldErrors;
}) {
  const { v, errors = {}, values = { name: "", email: "" } } = props;
  return (
    <Layout v={v} title={v.t("wallet.signup.title")}>
      <div class="narrow card">
        <h1>{v.t("wallet.signup.title")}</h1>
        <p class="muted">{v.t("wallet.signup.lead")}</p>
        <PostForm v={v} action="/signup">
          <input type="hidden" name="next" value={props.next} />
          <TextField
            v={v}
            name="name"
            type="text"
            label={v.t("wallet.signup.name")}
            autocomplete="name"
            maxlength={100}
            value={values.name}
            error={errors.name}
          />
          <TextField
            v={v}
            name="email"
            type="email"
            label={v.t("wallet.signup.email")}
            autocomplete="email"
            maxlength={254}
            value={values.email}
            error={errors.email}
          />
          <TextField
            v={v}
            name="password"
            type="password"
            label={v.t("wallet.signup.password")}
            hint={v.t("wallet.signup.password.hint")}
            autocomplete="new-password"
            minlength={10}
            maxlength={1024}
            error={errors.password}
          />
          <button type="submit" class="block">
            {v.t("wallet.signup.submit")}
          </button>
        </PostForm>
        <p class="small muted">
          {v.t("wallet.signup.have-account")}{" "}
          <a href={`/signin?next=${encodeURIComponent(props.next)}`}>
            {v.t("wallet.signin.action")}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export function SignInPage(props: {
  v: View;
  next: string;
  email?: string;
  error?: "invalid" | "locked";
  retryAfter?: number;
  /** Offer "Forgot your password?" (only when the wallet can send e-mail). */
  canReset?: boolean;
  notice?: Notice;
}) {
  const { v } = props;
  const notice =
    props.notice ??
    (props.error === "invalid"
      ? { kind: "error" as const, text: v.t("wallet.signin.error.invalid") }
      : props.error === "locked"
        ? {
            kind: "error" as const,
            text: v.t("wallet.signin.error.locked", {
              minutes: Math.max(1, Math.ceil((props.retryAfter ?? 60) / 60)),
            }),
          }
        : undefined);
  return (
    <Layout v={v} title={v.t("wallet.signin.title")} notice={notice}>
      <div class="narrow card">
        <h1>{v.t("wallet.signin.title")}</h1>
        {props.next.startsWith("/claim") ? (
          <p class="notice notice-warn">{v.t("wallet.signin.to-claim")}</p>
        ) : null}
        <PostForm v={v} action="/signin">
          <input type="hidden" name="next" value={props.next} />
          <TextField
            v={v}
            name="email"
            type="email"
            label={v.t("wallet.signup.email")}
            autocomplete="username"
            maxlength={254}
            value={props.email ?? ""}
          />
          <TextField
            v={v}
            name="password"
            type="password"
            label={v.t("wallet.signup.password")}
            autocomplete="current-password"
            maxlength={1024}
          />
          <button type="submit" class="block">
            {v.t("wallet.signin.submit")}
          </button>
        </PostForm>
        {props.canReset ? (
          <p class="small">
            <a href="/forgot" id="forgot">
              {v.t("wallet.signin.forgot")}
            </a>
          </p>
        ) : null}
        <p class="small muted">
          {v.t("wallet.signin.no-account")}{" "}
          <a href={`/signup?next=${encodeURIComponent(props.next)}`}>
            {v.t("wallet.signup.action")}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** "Forgot your password?": the e-mail to send a reset link to. */
export function ForgotPage(props: {
  v: View;
  email?: string;
  error?: MessageKey;
  notice?: Notice;
  /** False when the wallet cannot send e-mail: the page says so, without a form. */
  available: boolean;
}) {
  const { v } = props;
  return (
    <Layout v={v} title={v.t("wallet.forgot.title")} notice={props.notice}>
      <div class="narrow card">
        <h1>{v.t("wallet.forgot.title")}</h1>
        {props.available ? (
          <>
            <p class="muted">{v.t("wallet.forgot.lead")}</p>
            <PostForm v={v} action="/forgot">
              <TextField
                v={v}
                name="email"
                type="email"
                label={v.t("wallet.signup.email")}
                autocomplete="email"
                maxlength={254}
                value={props.email ?? ""}
                error={props.error}
              />
              <button type="submit" class="block">
                {v.t("wallet.forgot.submit")}
              </button>
            </PostForm>
          </>
        ) : (
          <p class="notice notice-warn">{v.t("wallet.forgot.unavailable")}</p>
        )}
        <p class="small">
          <a href="/signin">{v.t("wallet.forgot.back")}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The answer to a reset request: the same whether or not the address has an account. */
export function ForgotSentPage({ v, email }: { v: View; email: string }) {
  return (
    <Layout v={v} title={v.t("wallet.forgot.sent.title")}>
      <div class="narrow card" id="reset-requested">
        <h1>{v.t("wallet.forgot.sent.title")}</h1>
        <p>{v.t("wallet.forgot.sent.text", { email })}</p>
        <p class="small muted">{v.t("wallet.forgot.sent.spam")}</p>
        <div class="row">
          <a class="button" href="/signin">
            {v.t("wallet.forgot.back")}
          </a>
          <a class="button secondary" href="/forgot">
            {v.t("wallet.forgot.again")}
          </a>
        </div>
      </div>
    </Layout>
  );
}

/** The page a reset link opens: a new password. */
export function ResetPage(props: {
  v: View;
  token: string;
  email: string;
  error?: MessageKey | undefined;
}) {
  const { v } = props;
  return (
    <Layout v={v} title={v.t("wallet.reset.title")}>
      <div class="narrow card">
        <h1>{v.t("wallet.reset.title")}</h1>
        <p class="muted">{v.t("wallet.reset.lead", { email: props.email })}</p>
        <PostForm v={v} action="/reset">
          <input type="hidden" name="token" value={props.token} />
          {/* For password managers: the account the new password belongs to. */}
          <input
            type="email"
            name="username"
            autocomplete="username"
            value={props.email}
            readonly
            hidden
          />
          <TextField
            v={v}
            name="password"
            type="password"
            label={v.t("wallet.reset.password")}
            hint={v.t("wallet.signup.password.hint")}
            autocomplete="new-password"
            minlength={10}
            maxlength={1024}
            error={props.error}
          />
          <button type="submit" class="block">
            {v.t("wallet.reset.submit")}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

/** A reset link that expired, was used, or was voided by another. */
export function ResetInvalidPage({ v }: { v: View }) {
  return (
    <Layout v={v} title={v.t("wallet.reset.invalid.title")}>
      <div class="narrow card" id="reset-invalid">
        <h1>{v.t("wallet.reset.invalid.title")}</h1>
        <p>{v.t("wallet.reset.invalid.text")}</p>
        <div class="row">
          <a class="button" href="/forgot">
            {v.t("wallet.forgot.again")}
          </a>
          <a class="button secondary" href="/signin">
            {v.t("wallet.forgot.back")}
          </a>
        </div>
      </div>
    </Layout>
  );
}
