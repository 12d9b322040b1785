import type { z } from "zod/v4";

/**
 * The shape of one documented operation, shared by `openapi.ts` and the files that describe a
 * flow's operations (`openapi-*.ts`), so that each imports it from here and none restates it.
 */
export type JsonSchema = Record<string, unknown>;
export type Access = "public" | "platform" | "admin" | "admin-or-platform" | "operator" | "token";

export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path, `{param}` style. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodObject;
  body?: Record<string, JsonSchema | z.ZodType>;
  responses: Record<string, { description: string; schema?: JsonSchema; type?: string }>;
}

/** A JSON object answer, described in words. */
export const jsonResponse = (description: string) => ({ description, schema: { type: "object" } });

/** A problem+json answer, described in words. */
export const problemResponse = (description: string) => ({
  description,
  schema: { $ref: "#/components/schemas/Problem" },
  type: "application/problem+json",
});
