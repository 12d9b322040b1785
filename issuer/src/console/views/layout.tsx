import type { MessageKey } from "@avala/i18n";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { roleAllows } from "../../services/staff.js";
import { consoleAssetUrl } from "../assets.js";
import type { View } from "../view.js";

export type NavItem =
  | "home"
  | "issue"
  | "batches"
  | "search"
  | "catalogue"
  | "standard-requests"
  | "recognition"
  | "admin"
  | "platform";

export interface LayoutProps {
  v: View;
  title: string;
  children?: Child;
  nav?: NavItem;
  /** A short notice at the top (after an action). */
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}

const navItems: Array<{
  id: NavItem;
  href: string;
  label: MessageKey;
  role: "viewer" | "operator" | "admin";
}> = [
  { id: "home", href: "/console", label: "console.nav.home", role: "viewer" },
  { id: "issue", href: "/console/issue", label: "console.nav.issue", role: "operator" },
  { id: "batches", href: "/console/batches", label: "console.nav.batches", role: "viewer" },
  { id: "search", href: "/console/credentials", label: "console.nav.search", role: "viewer" },
  { id: "catalogue", href: "/console/catalogue", label: "console.nav.catalogue", role: "viewer" },
  {
    id: "standard-requests",
    href: "/console/standard-requests",
    label: "console.nav.standard-requests",
    role: "viewer",
  },
  {
    id: "recognition",
    href: "/console/recognition",
    label: "console.nav.recognition",
    role: "viewer",
  },
  { id: "admin", href: "/console/admin", label: "console.nav.admin", role: "admin" },
];

export function Layout({ v, title, children, nav, notice }: LayoutProps) {
  const other = v.locale === "es" ? "en" : "es";
  const signedIn = v.staff !== undefined || v.platform;
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={v.locale === "es" ? "es-MX" : "en"}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <meta name="theme-color" content="#1d3f72" />
          <meta name="robots" content="noindex" />
          <title>{`${title} · ${v.t("console.brand")}`}</title>
          <link rel="stylesheet" href={consoleAssetUrl("console.css")} />
          {/* No icon to fetch: an empty one (browsers otherwise ask for /favicon.ico). */}
          <link rel="icon" href="data:," />
          <script src={consoleAssetUrl("console.js")} defer />
        </head>
        <body>
          <a class="skip" href="#main">
            {v.t("console.skip")}
          </a>
          <header class="top">
            <div class="top-inner">
              <a class="brand" href="/console">
                {v.t("console.brand")}
                {v.staff ? <small>{v.orgName}</small> : null}
                {v.platform ? <small>{v.t("console.platform.badge")}</small> : null}
              </a>
              <a
                class="pill"
                href={`/console/lang/${other}?next=${encodeURIComponent(v.here)}`}
                hreflang={other}
                lang={other}
              >
                {v.t("console.language.switch")}
              </a>
              {signedIn ? (
                <form method="post" action="/console/signout">
                  <input type="hidden" name="_csrf" value={v.csrf} />
                  <button type="submit" class="pill">
                    {v.t("console.nav.signout")}
                  </button>
                </form>
              ) : null}
              {v.staff ? (
                <nav class="nav" aria-label={v.t("console.nav.label")}>
                  {navItems
                    .filter((item) => roleAllows(v.staff!.role, item.role))
                    .map((item) => (
                      <a href={item.href} aria-current={nav === item.id ? "page" : undefined}>
                        {v.t(item.label)}
                      </a>
                    ))}
                </nav>
              ) : null}
              {v.platform ? (
                <nav class="nav" aria-label={v.t("console.nav.label")}>
                  <a href="/console/platform" aria-current="page">
                    {v.t("console.nav.platform")}
                  </a>
                </nav>
              ) : null}
            </div>
          </header>
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
          <footer class="foot">
            <p>{v.t("console.footer")}</p>
          </footer>
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
  multipart?: boolean;
  id?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class}
      id={props.id}
      enctype={props.multipart ? "multipart/form-data" : undefined}
    >
      <input type="hidden" name="_csrf" value={props.v.csrf} />
      {props.children}
    </form>
  );
}
