/**
 * Headless Chromium for the dashboard's end-to-end tests: Debian's build, the flags this machine
 * needs, a profile inside the test's own directory, and screenshots kept when AIOS_E2E_SHOTS
 * names a folder.
 *
 * @example
 * test('…', { skip: chromiumMissing }, async (t) => { const browser = await launch(env); … });
 */

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { aios, type TestEnv } from './env.ts';

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

/** The page's errors (uncaught and console.error) and the dialogs it opened (each dismissed). */
export function watch(page: Page): { errors: string[]; dialogs: string[] } {
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { errors, dialogs };
}

/**
 * From a view that is empty for a session that is not the owner's (`emptyId` its test id),
 * runs the command the view shows — minting an owner's token — and logs in with it, as a
 * person would; ends on that view again.
 */
export async function loginAsOwner(page: Page, env: TestEnv, view: string, emptyId: string): Promise<void> {
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: view }).click();
  const empty = page.getByTestId(emptyId);
  await empty.waitFor({ timeout: 15_000 });
  const command = (await empty.locator('pre').textContent()) ?? '';
  assert.equal(command, 'aios token mint --rights all --ttl 12h');
  const minted = await aios(env, command.split(' ').slice(1), { timeoutMs: 60_000 });
  assert.equal(minted.code, 0, minted.stderr);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel(/Open the URL that aios up printed/).fill(minted.stdout.trim());
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('● live').waitFor({ timeout: 10_000 });
  await views.getByRole('button', { name: view }).click();
}
