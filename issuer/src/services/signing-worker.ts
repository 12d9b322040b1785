/**
 * A signing thread of the issuer's pool (`signing-pool.ts`): signs what it is sent with the
 * offline loader (pinned contexts, did:key), answers `{ id, outcome }`.
 */
import { parentPort } from "node:worker_threads";
import { createDocumentLoader } from "@avala/document-loader";
import { type SignJob, type SignOutcome, signWithEdition } from "./credential-signing.js";

const documentLoader = createDocumentLoader();
const port = parentPort;
if (!port) throw new Error("signing-worker.ts runs as a worker thread");
port.on("message", (message: { id: number; job: SignJob }) => {
  void signWithEdition(documentLoader, message.job).then(
    // The refusing error stays here (it may not be cloneable): its reason goes.
    ({ error: _error, ...outcome }: SignOutcome & { error?: unknown }) =>
      port.postMessage({ id: message.id, outcome }),
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        failure: String((error as Error)?.message ?? error).slice(0, 300),
      }),
  );
});
