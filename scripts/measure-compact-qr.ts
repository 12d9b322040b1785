/**
 * Measures the compact QR edition of each kind of credential the issuer signs (bytes, QR code
 * version at error correction M), with and without holder binding, and prints a Markdown table
 * (packages/compact-credential/README.md). Everything runs in this process, on 127.0.0.1.
 *
 *   pnpm --filter @avala/compact-credential measure
 *   pnpm --filter @avala/compact-credential measure -- --public-url https://certificados.example.mx
 */
import { compactQrTable, measureCompactQr } from "../test/support/compact-qr-sizes.js";

const urlArg = process.argv.indexOf("--public-url");
const publicUrl = urlArg > 0 ? process.argv[urlArg + 1] : undefined;
const measured = await measureCompactQr(publicUrl ? { publicUrl } : {});
try {
  console.log(`Issuer public URL: ${measured.issuer.config.publicUrl}\n`);
  console.log(compactQrTable(measured.rows));
  const failed = measured.rows.filter((r) => r.verdict !== "valid");
  if (failed.length > 0) {
    console.error(`Not valid: ${failed.map((r) => `${r.kind} (${r.verdict})`).join("; ")}`);
    process.exitCode = 1;
  }
} finally {
  await measured.close();
}
