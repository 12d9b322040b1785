import type { FieldErrors } from "../../services/staff.js";
import type { View } from "../view.js";
import { Input, roleLabel } from "./components.js";
import { Layout, PostForm } from "./layout.js";

export type SignInError = { kind: "invalid" } | { kind: "locked"; retryAfter: number };

function errorText(v: View, error: SignInError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.kind === "locked") {
    return v.t("console.signin.locked", { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) });
  }
  return v.t("console.signin.invalid");
}

export function SignInPage({
  v,
  next,
  email,
  error,
}: {
  v: View;
  next: string;
  email?: string;
  error?: SignInError;
}) {
  const message = errorText(v, error);
  return (
    <Layout
      v={v}
      title={v.t("console.signin.title")}
      notice={message ? { kind: "error", text: message } : undefined}
    >
      <div class="narrow card">
        <h1>{v.t("console.signin.title")}</h1>
        <p class="muted">{v.t("console.signin.intro")}</p>
        <PostForm v={v} action="/console/signin">
          <input type="hidden" name="next" value={next} />
          <Input
            v={v}
            name="email"
            type="email"
            label={v.t("console.field.email")}
            value={email}
            autocomplete="username"
            maxlength={254}
            required
          />
          <Input
            v={v}
            name="password"
            type="password"
            label={v.t("console.field.password")}
            autocomplete="current-password"
            maxlength={1024}
            required
          />
          <div class="actions">
            <button type="submit">{v.t("console.signin.submit")}</button>
          </div>
        </PostForm>
        <p class="small muted">{v.t("console.signin.forgot")}</p>
        <p class="small">
          <a href="/console/platform/signin">{v.t("console.signin.platform-link")}</a>
        </p>
      </div>
    </Layout>
  );
}

export function PlatformSignInPage({
  v,
  next,
  error,
  off,
}: {
  v: View;
  next: string;
  error?: SignInError;
  off: boolean;
}) {
  const message = errorText(v, error);
  return (
    <Layout
      v={v}
      title={v.t("console.platform.signin.title")}
      notice={message ? { kind: "error", text: message } : undefined}
    >
      <div class="narrow card">
        <h1>{v.t("console.platform.signin.title")}</h1>
        {off ? (
          <p class="notice notice-warn">{v.t("console.platform.off")}</p>
        ) : (
          <PostForm v={v} action="/console/platform/signin">
            <input type="hidden" name="next" value={next} />
            <Input
              v={v}
              name="token"
              type="password"
              label={v.t("console.field.platform-token")}
              autocomplete="current-password"
              maxlength={512}
              required
            />
            <div class="actions">
              <button type="submit">{v.t("console.signin.submit")}</button>
            </div>
          </PostForm>
        )}
        <p class="small">
          <a href="/console/signin">{v.t("console.signin.staff-link")}</a>
        </p>
      </div>
    </Layout>
  );
}

export function InvitationPage({
  v,
  token,
  organisation,
  email,
  role,
  name,
  errors,
}: {
  v: View;
  token: string;
  organisation: string;
  email: string;
  role: keyof typeof roleLabel;
  name: string;
  errors?: FieldErrors;
}) {
  return (
    <Layout v={v} title={v.t("console.invitation.title", { organisation })}>
      <div class="narrow card">
        <h1>{v.t("console.invitation.title", { organisation })}</h1>
        <p>{v.t("console.invitation.intro", { role: v.t(roleLabel[role]), email })}</p>
        <PostForm v={v} action={`/console/invitation/${token}`}>
          <input type="hidden" name="email" value={email} autocomplete="username" />
          <Input
            v={v}
            name="name"
            label={v.t("console.field.name")}
            value={name}
            autocomplete="name"
            maxlength={200}
            error={errors?.name}
            required
          />
          <Input
            v={v}
            name="password"
            type="password"
            label={v.t("console.field.password-new")}
            hint={v.t("console.password.hint")}
            autocomplete="new-password"
            minlength={10}
            maxlength={1024}
            error={errors?.password}
            required
          />
          <div class="actions">
            <button type="submit">{v.t("console.invitation.submit")}</button>
          </div>
        </PostForm>
      </div>
    </Layout>
  );
}

export function InvitationGonePage({ v }: { v: View }) {
  return (
    <Layout v={v} title={v.t("console.invitation.gone-title")}>
      <div class="narrow card">
        <h1>{v.t("console.invitation.gone-title")}</h1>
        <p>{v.t("console.invitation.gone")}</p>
        <a class="button" href="/console/signin">
          {v.t("console.signin.submit")}
        </a>
      </div>
    </Layout>
  );
}
