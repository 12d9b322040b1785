import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { assetUrl } from "../assets.js";
import type { View } from "./view.js";

export interface LayoutProps {
  v: View;
  title: string;
  children?: Child;
  /** Which navigation entry is current. */
  nav?: "credentials" | "add" | "shares" | "account";
  /** A short notice at the top (after an action). */
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
  /** Pages made for printing get their own, plainer frame. */
  bare?: boolean;
}

export function Layout({ v, title, children, nav, notice, bare }: LayoutProps) {
  const other = v.locale === "es" ? "en" : "es";
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={v.locale === "es" ? "es-MX" : "en"}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <meta name="theme-color" content="#0f5132" />
          <title>{`${title} · ${v.t("wallet.brand")}`}</title>
          <link rel="stylesheet" href={assetUrl("app.css")} />
          <link rel="icon" href={assetUrl("icon.svg")} type="image/svg+xml" />
          <script src={assetUrl("app.js")} defer />
        </head>
        <body class={bare ? "bare" : undefined}>
          <a class="skip" href="#main">
            {v.t("wallet.nav.skip")}
          </a>
          {bare ? null : (
            <header class="top">
              <div class="top-inner">
                <a class="brand" href={v.account ? "/credentials" : "/"}>
                  <img src={assetUrl("icon.svg")} alt="" width="28" height="28" />
                  <span>{v.t("wallet.brand")}</span>
                </a>
                <a
                  class="lang"
                  href={`/lang/${other}?next=${encodeURIComponent(v.here)}`}
                  hreflang={other}
                  lang={other}
                >
                  {v.t("wallet.language.switch")}
                </a>
                {v.account ? (
                  <nav class="nav" aria-label={v.t("wallet.nav.label")}>
                    <a
                      href="/credentials"
                      aria-current={nav === "credentials" ? "page" : undefined}
                    >
                      {v.t("wallet.nav.credentials")}
                    </a>
                    <a href="/add" aria-current={nav === "add" ? "page" : undefined}>
                      {v.t("wallet.nav.add")}
                    </a>
                    <a href="/shares" aria-current={nav === "shares" ? "page" : undefined}>
                      {v.t("wallet.nav.shares")}
                    </a>
                    <a href="/account" aria-current={nav === "account" ? "page" : undefined}>
                      {v.t("wallet.nav.account")}
                    </a>
                  </nav>
                ) : null}
              </div>
            </header>
          )}
          <main id="main" class="main">
            {notice ? (
              <p
                class={`notice notice-${notice.kind}`}
                role={notice.kind === "error" ? "alert" : "status"}
              >
                {notice.text}
              </p>
            ) : null}
            {children}
          </main>
          {bare ? null : (
            <footer class="foot">
              <p>{v.t("wallet.footer")}</p>
            </footer>
          )}
        </body>
      </html>
    </>
  );
}

/** A form that posts with the CSRF token. */
export function PostForm(props: {
  v: View;
  action: string;
  children?: Child;
  class?: string;
  confirm?: string;
  multipart?: boolean;
  id?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class}
      id={props.id}
      data-confirm={props.confirm}
      enctype={props.multipart ? "multipart/form-data" : undefined}
    >
      <input type="hidden" name="_csrf" value={props.v.csrf} />
      {props.children}
    </form>
  );
}
