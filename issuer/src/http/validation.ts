import type { ProblemFieldError } from "@avala/http-middleware";
import { defaultLocale } from "@avala/i18n";
import { zValidator } from "@hono/zod-validator";
import type { Context, ValidationTargets } from "hono";
import { z } from "zod/v4";
import type { IssuerEnv } from "./env.js";
import { problem } from "./problems.js";

/** Zod issues as problem `errors`: the field's path and the reason. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): ProblemFieldError[] {
  return issues.slice(0, 50).map((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return {
        field: issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(", "),
        reason: "unknown field",
      };
    }
    return path ? { field: path, reason: issue.message } : { reason: issue.message };
  });
}

function hook(
  result: { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } },
  c: Context<IssuerEnv>,
): undefined {
  if (!result.success) {
    throw problem(c.get("locale") ?? defaultLocale, 400, "issuer.request.invalid", undefined, {
      errors: issuesToErrors(result.error.issues),
    });
  }
  return undefined;
}

/** Whether any string in a JSON value holds a NUL character (PostgreSQL text cannot). */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === "string") {
      if (item.includes("\u0000")) return true;
    } else if (item && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes("\u0000")) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

const noNul = z.unknown().refine((value) => !containsNul(value), {
  message: "text must not contain NUL characters",
});

/** Validates a request part with a zod schema (unknown fields refused); 400 problem otherwise. */
export function valid<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, noNul.pipe(schema), hook as never);
}
