/**
 * Debian's Chromium driven by playwright-core, which never downloads a browser of its own.
 *
 * The browser tests are never skipped: if Chromium is missing they fail with a message saying how
 * to install it, so a CI machine without it cannot pass by accident.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Without the background-networking flags Chromium phones home at start-up (component updates,
 * sync, QUIC probes), which a closed network refuses many times over and which would also muddy
 * the "no network requests" check.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary: `CHROMIUM_PATH` if set, else Debian's. Throws, with the fix, if it is not there. */
export function chromiumPath(): string {
  const file = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(file)) {
    throw new Error(
      `Chromium not found at ${file}. The browser tests need it: install Debian's chromium ` +
        `(apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return file;
}

/**
 * Launches Chromium headless. Playwright gives every launch a fresh, empty profile in a temporary
 * folder (its own `--user-data-dir`) and deletes it on close, so no state carries between runs.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  } catch (error) {
    throw new Error(`Chromium at ${executablePath} did not start`, { cause: error });
  }
}
