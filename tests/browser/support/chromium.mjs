// Headless Chromium through playwright-core: Debian's binary (`CHROMIUM`, or
// `chromium` on PATH), a fresh user-data directory, no background traffic.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Chromium executable: `$CHROMIUM`, else `command -v chromium`. */
export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    throw new Error('no Chromium: set CHROMIUM or install chromium (cargo xtask test installs it)');
  }
}

/**
 * Launches headless Chromium with a fresh profile. Page errors and console
 * errors of every page are collected in `errors`.
 *
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, errors: string[], close: () => Promise<void> }>}
 */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'wxcard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
    });
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  return {
    context,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `url` and waits for the page to set `window.__done`, which it returns. */
export async function runPage(context, url, timeout = 60_000) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__done !== undefined, null, { timeout });
    return await page.evaluate(() => window.__done);
  } finally {
    await page.close();
  }
}
