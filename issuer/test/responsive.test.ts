import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDatabases } from "@avala/db/testing";
import { describe, expect, it } from "vitest";
import { type IssuerTables, startIssuer, withCurpCheckDigit } from "../src/index.js";

// Signing is CPU-bound and SQLite calls are synchronous: a batch runner that never yields to the
// event loop leaves the server unable to answer until the whole batch is done. Over a real
// socket, the upload must be answered, and progress served, while the batch is still running.
describe.each(testDatabases())("a running batch on $name", (engine) => {
  it("does not stop the issuer answering HTTP", { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "issuer-responsive-"));
    const database = await engine.open<IssuerTables>();
    const demoToken = `demo-${randomBytes(12).toString("hex")}`;
    const quiet = { info: () => {}, error: () => {} };
    // A key, so no key file is written (and never to the real home directory).
    const masterKey = randomBytes(32).toString("base64");
    const issuer = await startIssuer(
      { port: 0, dataDir, masterKey, demoToken },
      { database, log: quiet },
    );
    try {
      const rows = ["externalId,achievementCode,email,curp,name,validFrom,validUntil"];
      for (let i = 0; i < 150; i++) {
        const curp = withCurpCheckDigit(`GOML${String(i).padStart(6, "0")}HDFRPR0`);
        rows.push(`resp-${i},EC0217.01,p${i}@example.mx,${curp},P ${i},,`);
      }
      const auth = { authorization: `Bearer ${demoToken}` };
      const upload = await fetch(`${issuer.url}/orgs/ece-demo/batches`, {
        method: "POST",
        headers: { ...auth, "content-type": "text/csv" },
        body: `${rows.join("\n")}\n`,
      });
      expect(upload.status).toBe(202);
      const { id } = (await upload.json()) as { id: string };
      const progress = async () =>
        (await (
          await fetch(`${issuer.url}/orgs/ece-demo/batches/${id}`, { headers: auth })
        ).json()) as {
          pending: number;
          state: string;
        };
      const first = await progress();
      expect(first.pending).toBeGreaterThan(0);
      await issuer.context.batches.idle();
      expect(await progress()).toMatchObject({ pending: 0, state: "completed" });
    } finally {
      await issuer.close();
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
