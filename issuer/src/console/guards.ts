import type { Context, MiddlewareHandler } from "hono";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { StaffRow } from "../db/repositories/staff.js";
import type { StaffRole } from "../db/schema.js";
import { problem } from "../http/problems.js";
import { roleAllows } from "../services/staff.js";
import type { ConsoleEnv } from "./env.js";

function signInRedirect(c: Context<ConsoleEnv>, path: string) {
  const url = new URL(c.req.url);
  const back = c.req.method === "GET" ? `${url.pathname}${url.search}` : "/console";
  return c.redirect(`${path}?next=${encodeURIComponent(back)}`, 303);
}

/**
 * A signed-in staff member with at least `role`; anyone else is sent to sign in, and a staff
 * member with a lesser role gets a 403 page. Every console page for an organisation works on
 * the signed-in person's own organisation only: no page takes an organisation from the address.
 */
export function requireStaff(role: StaffRole): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const staff = c.get("staff");
    if (!staff) return signInRedirect(c, "/console/signin");
    if (!roleAllows(staff.role, role)) {
      throw problem(c.get("locale"), 403, "console.error.role");
    }
    await next();
  };
}

/** The platform admin (signed in with AVALA_PLATFORM_ADMIN_TOKEN). */
export function requirePlatform(): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (!c.get("platform")) return signInRedirect(c, "/console/platform/signin");
    await next();
  };
}

/** The signed-in person's organisation (after `requireStaff`). */
export function orgOf(c: Context<ConsoleEnv>): OrganisationRow {
  const org = c.get("organisation");
  if (!org) throw new Error("console: no organisation on a staff route");
  return org;
}

export function staffOf(c: Context<ConsoleEnv>): StaffRow {
  const staff = c.get("staff");
  if (!staff) throw new Error("console: no staff member on a staff route");
  return staff;
}

/** A 404 problem in the page's language (what another organisation's ids also get). */
export function notFound(c: Context<ConsoleEnv>) {
  return problem(c.get("locale"), 404, "console.error.not-found");
}
