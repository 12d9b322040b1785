import { loadWalletConfig } from "./config.js";
import { startWallet } from "./index.js";

// `tsx src/main.ts`: the wallet alone, configured from the environment.
const wallet = await startWallet(loadWalletConfig());
console.log(`[avala/wallet] listening on ${wallet.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    wallet.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
