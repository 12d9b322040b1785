import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { type ChromiumBinary, findChromium } from "./chromium.js";

/**
 * Launches headless Chromium (a system one, else the one the npm package brings: see
 * `findChromium`) that can only talk to 127.0.0.1: every other host goes to a
 * proxy on a closed loopback port (loopback itself bypasses proxies), and background
 * services are off.
 */
export async function launchChromium(
  extraArgs: string[] = [],
  binary?: ChromiumBinary,
): Promise<Browser> {
  binary ??= await findChromium();
  return chromium.launch({
    executablePath: binary.executablePath,
    ...(Object.keys(binary.env).length ? { env: { ...process.env, ...binary.env } } : {}),
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-sync",
      "--disable-domain-reliability",
      "--dns-prefetch-disable",
      "--proxy-server=http://127.0.0.1:9",
      ...extraArgs,
    ],
  });
}

export const resultsDir = new URL("../../test-results/", import.meta.url);

/** Runs a browser step; on failure keeps a full-page screenshot under test-results/. */
export async function withScreenshot<T>(
  page: Page,
  name: string,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await mkdir(resultsDir, { recursive: true });
    const path = new URL(`${name.replace(/[^\w-]+/g, "-")}.png`, resultsDir);
    await page.screenshot({ path: path.pathname, fullPage: true }).catch(() => {});
    throw error;
  }
}
