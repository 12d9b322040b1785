import type { FieldErrors } from "../services/accounts.js";
import { FieldError } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import type { View } from "./view.js";

export function LandingPage({ v }: { v: View }) {
  return (
    <Layout v={v} title={v.t("wallet.landing.title")}>
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
          <div class="field">
            <label for="name">{v.t("wallet.signup.name")}</label>
            <input
              type="text"
              id="name"
              name="name"
              autocomplete="name"
              required
              maxlength={100}
              value={values.name}
              aria-invalid={errors.name ? "true" : undefined}
              aria-describedby={errors.name ? "name-error" : undefined}
            />
            <FieldError v={v} error={errors.name} id="name-error" />
          </div>
          <div class="field">
            <label for="email">{v.t("wallet.signup.email")}</label>
            <input
              type="email"
              id="email"
              name="email"
              autocomplete="email"
              required
              maxlength={254}
              value={values.email}
              aria-invalid={errors.email ? "true" : undefined}
              aria-describedby={errors.email ? "email-error" : undefined}
            />
            <FieldError v={v} error={errors.email} id="email-error" />
          </div>
          <div class="field">
            <label for="password">
              {v.t("wallet.signup.password")}
              <span class="hint">{v.t("wallet.signup.password.hint")}</span>
            </label>
            <input
              type="password"
              id="password"
              name="password"
              autocomplete="new-password"
              required
              minlength={10}
              maxlength={1024}
              aria-invalid={errors.password ? "true" : undefined}
              aria-describedby={errors.password ? "password-error" : undefined}
            />
            <FieldError v={v} error={errors.password} id="password-error" />
          </div>
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
}) {
  const { v } = props;
  const notice =
    props.error === "invalid"
      ? { kind: "error" as const, text: v.t("wallet.signin.error.invalid") }
      : props.error === "locked"
        ? {
            kind: "error" as const,
            text: v.t("wallet.signin.error.locked", {
              minutes: Math.max(1, Math.ceil((props.retryAfter ?? 60) / 60)),
            }),
          }
        : undefined;
  return (
    <Layout v={v} title={v.t("wallet.signin.title")} notice={notice}>
      <div class="narrow card">
        <h1>{v.t("wallet.signin.title")}</h1>
        {props.next.startsWith("/claim") ? (
          <p class="notice notice-warn">{v.t("wallet.signin.to-claim")}</p>
        ) : null}
        <PostForm v={v} action="/signin">
          <input type="hidden" name="next" value={props.next} />
          <div class="field">
            <label for="email">{v.t("wallet.signup.email")}</label>
            <input
              type="email"
              id="email"
              name="email"
              autocomplete="username"
              required
              maxlength={254}
              value={props.email ?? ""}
            />
          </div>
          <div class="field">
            <label for="password">{v.t("wallet.signup.password")}</label>
            <input
              type="password"
              id="password"
              name="password"
              autocomplete="current-password"
              required
              maxlength={1024}
            />
          </div>
          <button type="submit" class="block">
            {v.t("wallet.signin.submit")}
          </button>
        </PostForm>
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
