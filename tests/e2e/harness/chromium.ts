import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { type Browser, chromium } from "playwright-core";

/** What to do when no Chromium is found: one line. */
export const missingChromium =
  "Chromium is not installed: the end-to-end tests drive Debian's chromium (apt-get install -y chromium, as root), or set CHROMIUM_PATH to a Chromium binary";

/** The flags Chromium runs with in the tests: headless, no sandbox (root in CI), nothing fetched from the network. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium binary to drive: `CHROMIUM_PATH` when set, else `chromium`
 * (Debian's package) or `chromium-browser` on the PATH. Throws
 * {@link missingChromium} when there is none.
 *
 * @example
 * chromiumExecutable(); // "/usr/bin/chromium"
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file. ${missingChromium}`);
  }
  for (const folder of (env.PATH ?? "").split(delimiter).filter(Boolean))
    for (const name of ["chromium", "chromium-browser"]) if (executable(join(folder, name))) return join(folder, name);
  throw new Error(missingChromium);
}

/**
 * Launches the system's Chromium through playwright-core (Playwright's own
 * browser download is not used).
 *
 * @example
 * const browser = await launchChromium();
 * const page = await (await browser.newContext()).newPage();
 */
export function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(env), headless: true, args: chromiumArgs });
}
