import { expect } from "vitest";
import { findOrganisationBySlug } from "../src/db/repositories/organisations.js";
import type { StaffRole } from "../src/db/schema.js";
import { platformActor } from "../src/services/audit.js";
import { acceptInvitation, inviteStaff } from "../src/services/staff.js";
import type { Harness } from "./harness.js";

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/**
 * A browser for the console over `app.request()`: keeps cookies, sends the page's CSRF token
 * with every form, follows nothing by itself (tests look at each redirect).
 */
export class ConsoleBrowser {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had a form. */
  csrf = "";

  constructor(
    readonly h: Harness,
    readonly language: "es" | "en" = "es",
  ) {}

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", ...rest] = pair.split("=");
      const value = rest.join("=");
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      accept: "text/html",
      "accept-language": this.language === "es" ? "es-MX,es;q=0.9" : "en-GB,en;q=0.9",
      ...(this.cookies.size
        ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }
        : {}),
      ...extra,
    };
  }

  private async page(response: Response): Promise<Page> {
    this.remember(response);
    const text = await response.text();
    const token = /name="_csrf" value="([^"]*)"/.exec(text)?.[1];
    if (token !== undefined) this.csrf = token;
    return {
      status: response.status,
      headers: response.headers,
      text,
      location: response.headers.get("location"),
    };
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.page(await this.h.app.request(path, { headers: this.headers(headers) }));
  }

  /** Posts a form (urlencoded, or multipart when a field is a Blob) with the CSRF token. */
  async post(
    path: string,
    fields: Record<string, string | string[] | Blob> = {},
    options: { csrf?: string; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const multipart = Object.values(fields).some((v) => v instanceof Blob);
    let body: FormData | URLSearchParams;
    if (multipart) {
      const form = new FormData();
      form.set("_csrf", options.csrf ?? this.csrf);
      for (const [k, v] of Object.entries(fields)) {
        if (v instanceof Blob) form.set(k, v, "upload.csv");
        else if (Array.isArray(v)) for (const item of v) form.append(k, item);
        else form.set(k, v);
      }
      body = form;
    } else {
      const params = new URLSearchParams();
      params.set("_csrf", options.csrf ?? this.csrf);
      for (const [k, v] of Object.entries(fields)) {
        if (Array.isArray(v)) for (const item of v) params.append(k, item);
        else params.set(k, v as string);
      }
      body = params;
    }
    return this.page(
      await this.h.app.request(path, {
        method: "POST",
        headers: this.headers(options.headers),
        body,
      }),
    );
  }

  async signIn(email: string, password: string): Promise<Page> {
    await this.get("/console/signin");
    const page = await this.post("/console/signin", { email, password, next: "/console" });
    expect(page.status, page.text.slice(0, 300)).toBe(303);
    return page;
  }
}

export const PASSWORD = "una contraseña larga 2026";

/** Invites a staff member through the service and accepts the invitation: a working account. */
export async function addStaff(
  h: Harness,
  slug: string,
  email: string,
  role: StaffRole,
  name = email.split("@")[0]!,
): Promise<void> {
  const org = await findOrganisationBySlug(h.ctx.db, slug);
  expect(org).toBeDefined();
  const invited = await inviteStaff(h.ctx, org!, { email, name, role }, platformActor);
  if (!invited.ok) throw new Error(JSON.stringify(invited.errors));
  const token = invited.url.split("/").at(-1)!;
  const accepted = await acceptInvitation(h.ctx, token, { name, password: PASSWORD });
  expect(accepted?.ok).toBe(true);
}

/** A signed-in browser for a new staff member of `slug`. */
export async function staffBrowser(
  h: Harness,
  slug: string,
  email: string,
  role: StaffRole,
  language: "es" | "en" = "es",
): Promise<ConsoleBrowser> {
  await addStaff(h, slug, email, role);
  const browser = new ConsoleBrowser(h, language);
  await browser.signIn(email, PASSWORD);
  return browser;
}

/** Visible text of a page (tags dropped), for looking at what a person reads. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
