import type { FieldErrors } from "../services/accounts.js";
import { TextField } from "./components.js";
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
