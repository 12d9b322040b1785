/**
 * An issuer in a process of its own, for the tests and benchmarks that run several or kill one
 * (`test/batch-processes.test.ts`, `bench/`). Start it with `node --import tsx` (one process, so
 * a SIGKILL reaches the issuer itself). Its configuration comes as JSON in `AVALA_TEST_ISSUER`
 * (`startIssuer`'s overrides; it listens on 127.0.0.1). It prints `listening <port>` once it
 * serves, its log lines after that, and runs until it is killed (SIGTERM closes it cleanly).
 */
import type { IssuerConfigOverrides } from "../../src/config.js";
import { startIssuer } from "../../src/index.js";

const config = JSON.parse(process.env["AVALA_TEST_ISSUER"] ?? "{}") as IssuerConfigOverrides;
const line = (message: string, context?: Record<string, unknown>) =>
  `${message}${context ? ` ${JSON.stringify(context)}` : ""}`;
const issuer = await startIssuer(config, {
  seed: false,
  hostname: "127.0.0.1",
  log: {
    info: (message, context) => console.log(line(message, context)),
    error: (message, context) => console.error(line(message, context)),
  },
});
console.log(`listening ${issuer.port}`);
process.once("SIGTERM", () => {
  void issuer.close().then(() => process.exit(0));
});
