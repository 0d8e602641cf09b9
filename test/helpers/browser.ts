/**
 * Headless Chromium for the dashboard's end-to-end tests: Debian's build, the flags this machine
 * needs, a profile inside the test's own directory, and screenshots kept when AIOS_E2E_SHOTS
 * names a folder.
 *
 * @example
 * test('…', { skip: chromiumMissing }, async (t) => { const browser = await launch(env); … });
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { TestEnv } from './env.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or false when they can. */
export const chromiumMissing = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) to run the dashboard e2e test`;

export function launch(env: TestEnv): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(env.dir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
    viewport: { width: 1440, height: 1000 },
  });
}

/** A full-page screenshot into the test's folder, or AIOS_E2E_SHOTS. */
export async function shot(page: Page, env: TestEnv, name: string): Promise<void> {
  const dir = process.env.AIOS_E2E_SHOTS ?? join(env.dir, 'shots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
