/**
 * Issuers in processes of their own for the benchmarks (`test/support/issuer-process.ts`, started
 * with `node --import tsx` on 127.0.0.1), and the organisation they issue for.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { IssuerConfigOverrides } from "../src/config.js";

const script = fileURLToPath(new URL("../test/support/issuer-process.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

export const PLATFORM_TOKEN = `platform-${randomBytes(12).toString("hex")}`;

export interface ChildIssuer {
  child: ChildProcess;
  url: string;
  output: string[];
  /** SIGTERM, and the process's end. */
  stop(): Promise<void>;
}

export async function startChildIssuer(config: IssuerConfigOverrides): Promise<ChildIssuer> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, AVALA_TEST_ISSUER: JSON.stringify({ port: 0, ...config }) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening (\d+)/.exec(output.join(""));
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", () => reject(new Error(`the issuer did not start:\n${output.join("")}`)));
  });
  return {
    child,
    url,
    output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Rows the process's batch runs finished, from its `batch run {…}` log lines. */
export function rowsRun(issuer: ChildIssuer): number {
  return [...issuer.output.join("").matchAll(/batch run \{"batchId":\d+,"rows":(\d+)/g)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

/** Creates organisation `slug` with EC0217.01 through the platform API; its admin token and DID. */
export async function createOrganisation(
  url: string,
  slug: string,
): Promise<{ token: string; did: string }> {
  const created = await fetch(`${url}/orgs`, {
    method: "POST",
    headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      slug,
      kind: "certification-body",
      name: { es: `Banco ${slug}`, en: `Bench ${slug}` },
    }),
  });
  if (created.status !== 201)
    throw new Error(`POST /orgs: ${created.status} ${await created.text()}`);
  const body = (await created.json()) as {
    token: { token: string };
    organisation: { did: string };
  };
  const token = body.token.token;
  const achievement = await fetch(`${url}/orgs/${slug}/achievements`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      code: "EC0217.01",
      kind: "qualification",
      name: { es: "Impartición de cursos de formación", en: "Delivering training courses" },
      description: { es: "Estándar de competencia", en: "Competence standard" },
      criteria: { es: "Evaluación por un evaluador", en: "Assessed by an assessor" },
      level: 3,
    }),
  });
  if (achievement.status !== 201) throw new Error(`achievement: ${achievement.status}`);
  return { token, did: body.organisation.did };
}
