import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  cookieName,
  csrfToken,
  isRandomToken,
  randomToken,
  readCheckedForm,
  sessionCookieOptions,
  tokensMatch,
} from "../src/index.js";

const key = randomBytes(32);

function app(expected: string) {
  const hono = new Hono();
  hono.post("/form", async (c) => {
    const checked = await readCheckedForm(c, {
      publicOrigin: "https://issuer.example",
      expectedToken: expected,
      maxBytes: 1024,
    });
    return c.json(checked.ok ? { ok: true, name: checked.form.get("name") } : checked);
  });
  return hono;
}

async function post(hono: Hono, body: string, headers: Record<string, string> = {}) {
  const response = await hono.request("https://issuer.example/form", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe("form posts", () => {
  const token = csrfToken(key, "session:abc");

  it("accept only this site's forms carrying the page's token", async () => {
    const hono = app(token);
    expect((await post(hono, `_csrf=${token}&name=Ana`)).body).toEqual({ ok: true, name: "Ana" });
    expect((await post(hono, "name=Ana")).body).toEqual({ ok: false, refusal: "csrf" });
    const other = csrfToken(key, "session:xyz");
    expect((await post(hono, `_csrf=${other}&name=Ana`)).body).toEqual({
      ok: false,
      refusal: "csrf",
    });
    expect((await post(hono, `_csrf=${token}`, { origin: "https://evil.example" })).body).toEqual({
      ok: false,
      refusal: "cross-site",
    });
    expect((await post(hono, `_csrf=${token}`, { "sec-fetch-site": "cross-site" })).body).toEqual({
      ok: false,
      refusal: "cross-site",
    });
    expect((await post(hono, `_csrf=${token}`, { origin: "https://issuer.example" })).body.ok).toBe(
      true,
    );
  });

  it("refuse every post when there is no token to expect", async () => {
    expect((await post(app(""), "_csrf=&name=Ana")).body).toEqual({ ok: false, refusal: "csrf" });
  });

  it("bind tokens to what they were made for", () => {
    expect(tokensMatch(token, csrfToken(key, "session:abc"))).toBe(true);
    expect(tokensMatch(token, csrfToken(randomBytes(32), "session:abc"))).toBe(false);
    expect(tokensMatch(token, token.slice(1))).toBe(false);
  });
});

describe("session cookies", () => {
  it("are HttpOnly, SameSite=Lax, and Secure with the __Host- prefix over https", () => {
    expect(sessionCookieOptions(false, 60)).toEqual({
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
      secure: false,
      maxAge: 60,
    });
    expect(sessionCookieOptions(true).secure).toBe(true);
    expect(cookieName("avala_session", true)).toBe("__Host-avala_session");
    expect(cookieName("avala_session", false)).toBe("avala_session");
    expect(isRandomToken(randomToken())).toBe(true);
    expect(isRandomToken("short")).toBe(false);
    expect(isRandomToken(undefined)).toBe(false);
  });
});
